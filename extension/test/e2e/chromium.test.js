import { test } from 'node:test';
import { launchChromium } from './chromium-driver.js';
import { CHROMIUM, missingPrerequisites } from './harness.js';
import { runInstantFind } from './instant-find.js';
import { runPartialDropped } from './partial-dropped.js';
import { runPrivateFindBar } from './private-find-bar.js';
import { runPagesScenario } from './pages-scenario.js';
import { runScenario } from './scenario.js';

const skip = missingPrerequisites(CHROMIUM);

test('chromium: popup, find bar, not-installed state and host restarts on real pages with the real host',
  { skip: skip ?? false, timeout: 300000 },
  (t) => runScenario(t, { browserName: 'chromium', launch: launchChromium }));

test('chromium: the find bar keeps the question from the page, and ignores the page\'s synthetic Escape',
  { skip: skip ?? false, timeout: 180000 },
  (t) => runPrivateFindBar(t, { browserName: 'chromium', launch: launchChromium }));

test('chromium: instant find: bar opened early, partial then final, DOM change, page id the host lost',
  { skip: skip ?? false, timeout: 240000 },
  (t) => runInstantFind(t, { browserName: 'chromium', launch: launchChromium }));

test('chromium: answers of a dropped question are never shown: Esc while asking, leaving the page or closing its tab cancels the host\'s work, a host dying while asking, a replaced question',
  { skip: skip ?? false, timeout: 240000 },
  (t) => runPartialDropped(t, { browserName: 'chromium', launch: launchChromium }));

test('chromium: no answer, re-rendering pages, SPA routes, <details>, generated content, strict and sandboxed pages, long pages, frames and shadow trees, an extension update',
  { skip: skip ?? false, timeout: 420000 },
  (t) => runPagesScenario(t, { browserName: 'chromium', launch: launchChromium }));
