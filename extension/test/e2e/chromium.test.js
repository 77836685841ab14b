import { test } from 'node:test';
import { launchChromium } from './chromium-driver.js';
import { CHROMIUM, missingPrerequisites } from './harness.js';
import { runPagesScenario } from './pages-scenario.js';
import { runScenario } from './scenario.js';

const skip = missingPrerequisites(CHROMIUM);

test('chromium: popup, find bar, not-installed state and host restarts on real pages with the real host',
  { skip: skip ?? false, timeout: 300000 },
  (t) => runScenario(t, { browserName: 'chromium', launch: launchChromium }));

test('chromium: no answer, re-rendering pages, SPA routes, <details>, generated content, long pages, frames and shadow trees',
  { skip: skip ?? false, timeout: 420000 },
  (t) => runPagesScenario(t, { browserName: 'chromium', launch: launchChromium }));
