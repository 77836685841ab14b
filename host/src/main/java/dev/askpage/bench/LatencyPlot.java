package dev.askpage.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/** Draws the cumulative distribution of warm time to answer, one line per run, with the 250 and 500 ms targets. */
final class LatencyPlot {
  /** One line: its legend, its samples (milliseconds) and its colour as 0xRRGGBB (no AWT type: see the caller). */
  record Series(String label, double[] valuesMs, int rgb) {}

  private static final int WIDTH = 960;
  private static final int HEIGHT = 660;
  private static final int LEFT = 80;
  private static final int RIGHT = 30;
  private static final int TOP = 50;
  private static final int BOTTOM = 130;

  private LatencyPlot() {}

  static void write(Path file, String title, List<Series> series) throws IOException {
    System.setProperty("java.awt.headless", "true");
    BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      draw(g, title, series);
    } finally {
      g.dispose();
    }
    ImageIO.write(image, "png", file.toFile());
  }

  private static void draw(Graphics2D g, String title, List<Series> series) {
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, WIDTH, HEIGHT);
    double max = 600;
    for (Series s : series) {
      for (double v : s.valuesMs()) {
        max = Math.max(max, v);
      }
    }
    double xMax = niceCeiling(max * 1.05);
    int plotW = WIDTH - LEFT - RIGHT;
    int plotH = HEIGHT - TOP - BOTTOM;

    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
    g.setColor(Color.BLACK);
    g.drawString(title, LEFT, 28);

    // Grid and ticks.
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    FontMetrics fm = g.getFontMetrics();
    double step = tickStep(xMax);
    for (double x = 0; x <= xMax + 1e-9; x += step) {
      int px = LEFT + (int) Math.round(x / xMax * plotW);
      g.setColor(new Color(230, 230, 230));
      g.drawLine(px, TOP, px, TOP + plotH);
      g.setColor(Color.DARK_GRAY);
      String label = String.format(Locale.ROOT, "%.0f", x);
      g.drawString(label, px - fm.stringWidth(label) / 2, TOP + plotH + 18);
    }
    for (int pct = 0; pct <= 100; pct += 10) {
      int py = TOP + plotH - (int) Math.round(pct / 100.0 * plotH);
      g.setColor(new Color(230, 230, 230));
      g.drawLine(LEFT, py, LEFT + plotW, py);
      g.setColor(Color.DARK_GRAY);
      String label = pct + "%";
      g.drawString(label, LEFT - 8 - fm.stringWidth(label), py + 4);
    }
    g.setColor(Color.BLACK);
    g.drawRect(LEFT, TOP, plotW, plotH);

    // Axis labels.
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
    fm = g.getFontMetrics();
    String xLabel = "warm time to answer (client round trip), ms";
    g.drawString(xLabel, LEFT + (plotW - fm.stringWidth(xLabel)) / 2, TOP + plotH + 40);
    AffineTransform saved = g.getTransform();
    g.rotate(-Math.PI / 2);
    String yLabel = "questions answered within (cumulative %)";
    g.drawString(yLabel, -(TOP + (plotH + fm.stringWidth(yLabel)) / 2), 24);
    g.setTransform(saved);

    // Targets.
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    float[] dash = {6f, 5f};
    g.setStroke(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, dash, 0f));
    for (double[] target : new double[][] {{250, 50}, {500, 95}}) {
      int px = LEFT + (int) Math.round(target[0] / xMax * plotW);
      g.setColor(new Color(200, 40, 40));
      g.drawLine(px, TOP, px, TOP + plotH);
      g.drawString(String.format(Locale.ROOT, "target p%.0f ≤ %.0f ms", target[1], target[0]), px + 4, TOP + 14
          + (target[0] > 300 ? 16 : 0));
    }

    // Lines, then the legend over them, bottom right.
    g.setStroke(new BasicStroke(2.2f));
    for (Series s : series) {
      double[] v = s.valuesMs().clone();
      Arrays.sort(v);
      g.setColor(new Color(s.rgb()));
      int prevX = LEFT;
      int prevY = TOP + plotH;
      for (int i = 0; i < v.length; i++) {
        int px = LEFT + (int) Math.round(Math.min(v[i], xMax) / xMax * plotW);
        int py = TOP + plotH - (int) Math.round((i + 1.0) / v.length * plotH);
        g.drawLine(prevX, prevY, px, prevY);
        g.drawLine(px, prevY, px, py);
        prevX = px;
        prevY = py;
      }
    }
    // The legend under the axis, where it hides no line.
    int legendY = TOP + plotH + 64;
    int lx = LEFT + 10;
    for (Series s : series) {
      g.setColor(new Color(s.rgb()));
      g.drawLine(lx, legendY - 4, lx + 24, legendY - 4);
      g.setColor(Color.BLACK);
      g.drawString(legend(s), lx + 30, legendY);
      legendY += 18;
    }
  }

  private static String legend(Series s) {
    return String.format(Locale.ROOT, "%s (n=%d, p50 %.0f ms, p95 %.0f ms)", s.label(), s.valuesMs().length,
        Stats.percentile(s.valuesMs(), 50), Stats.percentile(s.valuesMs(), 95));
  }

  private static double tickStep(double xMax) {
    double[] steps = {50, 100, 200, 250, 500, 1000, 2000, 5000};
    for (double s : steps) {
      if (xMax / s <= 12) {
        return s;
      }
    }
    return 10000;
  }

  private static double niceCeiling(double v) {
    double step = tickStep(v);
    return Math.ceil(v / step) * step;
  }
}
