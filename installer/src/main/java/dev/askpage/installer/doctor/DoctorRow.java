package dev.askpage.installer.doctor;

import dev.askpage.installer.browser.Browser;

/** One browser's line in the doctor's table: each cell is a short verdict; {@code fix} says what to do when red. */
public record DoctorRow(Browser browser, boolean installed, String manifest, String launcher, String hello, String ask,
    boolean ok, String fix) {}
