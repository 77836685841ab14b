package dev.askpage.window;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.askpage.passage.Passage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WindowPlannerTest {
  private static final int CLS = 101;
  private static final int SEP = 102;

  /** Page token i has id 1000 + i; passages of the given sizes, back to back. */
  private static List<Passage> passages(int... sizes) {
    List<Passage> out = new ArrayList<>();
    int from = 0;
    for (int i = 0; i < sizes.length; i++) {
      out.add(new Passage(i, from * 5, (from + sizes[i]) * 5, from, from + sizes[i]));
      from += sizes[i];
    }
    return out;
  }

  private static int[] pageIds(int n) {
    int[] ids = new int[n];
    for (int i = 0; i < n; i++) {
      ids[i] = 1000 + i;
    }
    return ids;
  }

  @Test
  void windowIsClsQuestionSepContextSep() {
    WindowPlanner planner = new WindowPlanner(32, 8, CLS, SEP);
    WindowPlan plan = planner.plan(new int[] {7, 8}, pageIds(3), passages(3), new int[] {0}, 4);
    Window w = plan.windows().get(0);
    assertArrayEquals(new int[] {CLS, 7, 8, SEP, 1000, 1001, 1002, SEP}, w.inputIds());
    assertEquals(4, w.contextStart());
    assertEquals(0, w.typeId(3));
    assertEquals(1, w.typeId(4));
    assertEquals(1, w.typeId(7));
  }

  @Test
  void shortPassagesShareAWindowInPageOrder() {
    WindowPlanner planner = new WindowPlanner(32, 8, CLS, SEP);
    // capacity = 32 - 1 - 3 = 28: passages of 10 + 10 fit one window, in page order whatever their rank
    WindowPlan plan = planner.plan(new int[] {7}, pageIds(30), passages(10, 10), new int[] {1, 0}, 4);
    assertEquals(1, plan.windows().size());
    Window only = plan.windows().get(0);
    assertEquals(20, only.pageTokens().length);
    assertEquals(0, only.pageTokens()[0], "page order inside a window");
    assertEquals(1, only.segments()[10]);
  }

  @Test
  void whenMoreThanOneWindowIsReadTheBestPassageLeadsInAWindowOfItsOwn() {
    WindowPlanner planner = new WindowPlanner(32, 8, CLS, SEP);
    // capacity 28: passages 2, 0, 1 (rank order) would pack as [0, 2] and [1]; with the lead: [2] alone, then [0, 1]
    WindowPlan plan = planner.plan(new int[] {7}, pageIds(30), passages(10, 10, 10), new int[] {2, 0, 1}, 4);
    assertEquals(2, plan.windows().size());
    Window lead = plan.windows().get(0);
    assertArrayEquals(new int[] {CLS, 7, SEP, 1020, 1021, 1022, 1023, 1024, 1025, 1026, 1027, 1028, 1029, SEP},
        lead.inputIds(), "the question and the best passage, no more");
    assertEquals(0, plan.bestWindow());
    Window rest = plan.windows().get(1);
    assertEquals(20, rest.pageTokens().length);
    assertEquals(0, rest.pageTokens()[0], "page order inside a window");
    assertEquals(List.of(2, 0, 1), plan.passagesRead());
  }

  @Test
  void theLeadWindowIsOneOfTheBudgetsWindows() {
    WindowPlanner planner = new WindowPlanner(32, 8, CLS, SEP);
    WindowPlan plan = planner.plan(new int[] {7}, pageIds(80), passages(20, 20, 20, 20), new int[] {0, 1, 2, 3}, 2);
    assertEquals(2, plan.windows().size());
    assertEquals(List.of(0, 1), plan.passagesRead());
  }

  @Test
  void withABudgetOfOneOrABestPassageLongerThanAWindowThereIsNoLeadWindow() {
    WindowPlanner planner = new WindowPlanner(32, 8, CLS, SEP);
    WindowPlan one = planner.plan(new int[] {7}, pageIds(30), passages(10, 10, 10), new int[] {2, 0, 1}, 1);
    assertEquals(1, one.windows().size());
    assertEquals(20, one.windows().get(0).pageTokens().length, "the one window is filled");
    WindowPlan longBest = planner.plan(new int[] {7}, pageIds(50), passages(40, 10), new int[] {0, 1}, 4);
    Window bestFirst = longBest.windows().get(longBest.bestWindow());
    assertEquals(0, bestFirst.pageTokens()[0]);
    assertEquals(28, bestFirst.pageTokens().length, "the long passage's first strided window, full");
  }

  @Test
  void budgetLimitsWindowsButSmallerPassagesStillFill() {
    WindowPlanner planner = new WindowPlanner(32, 8, CLS, SEP);
    WindowPlan plan = planner.plan(new int[] {7}, pageIds(60), passages(20, 20, 5), new int[] {0, 1, 2}, 1);
    assertEquals(1, plan.windows().size());
    assertEquals(List.of(0, 2), plan.passagesRead());
  }

  @Test
  void longPassageIsReadInStridedWindowsWithMaxContext() {
    WindowPlanner planner = new WindowPlanner(16, 4, CLS, SEP);
    // capacity 16 - 1 - 3 = 12; 20 tokens -> spans at 0, 4, 8 (8 + 12 = 20)
    WindowPlan plan = planner.plan(new int[] {7}, pageIds(20), passages(20), new int[] {0}, 8);
    assertEquals(3, plan.windows().size());
    assertEquals(4, plan.windows().get(1).pageTokens()[0]);
    int[] owners = new int[20];
    for (int w = 0; w < 3; w++) {
      Window win = plan.windows().get(w);
      for (int i = 0; i < win.pageTokens().length; i++) {
        if (win.maxContext()[i]) {
          owners[win.pageTokens()[i]]++;
        }
      }
    }
    for (int count : owners) {
      assertEquals(1, count, "every token has exactly one max-context window");
    }
    // token 9: in span 0 (left 9, right 2), span 1 (5, 6), span 2 (1, 10) -> span 1
    assertEquals(1, WindowPlanner.bestSpanFor(List.of(new int[] {0, 12}, new int[] {4, 12}, new int[] {8, 12}), 9));
  }

  @Test
  void whenTheBudgetCutsStridedWindowsEveryTokenReadCanStillStartAnAnswer() {
    WindowPlanner planner = new WindowPlanner(16, 4, CLS, SEP);
    // capacity 12; 20 tokens would take spans at 0, 4, 8, but the budget reads only the first
    WindowPlan plan = planner.plan(new int[] {7}, pageIds(20), passages(20), new int[] {0}, 1);
    assertEquals(1, plan.windows().size());
    for (boolean max : plan.windows().get(0).maxContext()) {
      assertTrue(max, "no other window reads these tokens");
    }
  }

  @Test
  void windowsNeverExceedTheMaximumSequence() {
    WindowPlanner planner = new WindowPlanner(64, 16, CLS, SEP);
    WindowPlan plan = planner.plan(new int[20], pageIds(500), passages(100, 30, 200, 170), new int[] {3, 2, 1, 0}, 50);
    for (Window w : plan.windows()) {
      assertTrue(w.length() <= 64);
    }
  }
}
