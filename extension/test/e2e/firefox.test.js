import { test } from 'node:test';
import { launchFirefox } from './firefox-driver.js';
import { FIREFOX, missingPrerequisites } from './harness.js';
import { runPagesScenario } from './pages-scenario.js';
import { runScenario } from './scenario.js';

const skip = missingPrerequisites(FIREFOX);

test('firefox: popup, find bar, not-installed state and host restarts on real pages with the real host',
  { skip: skip ?? false, timeout: 300000 },
  (t) => runScenario(t, { browserName: 'firefox', launch: launchFirefox }));

test('firefox: no answer, re-rendering pages, SPA routes, <details>, generated content, long pages, frames and shadow trees',
  { skip: skip ?? false, timeout: 420000 },
  (t) => runPagesScenario(t, { browserName: 'firefox', launch: launchFirefox }));
