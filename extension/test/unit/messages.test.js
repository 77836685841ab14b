import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import {
  BackgroundToContent, BackgroundToHost, ContentToBackground, HostErrorCodes, HostRequests, HostToBackground,
  INSTALL_COMMANDS, OptionsToBackground, PopupToBackground, SETTINGS_DEFAULTS, describeError, highlightCss, modeOf,
  REPLY_TYPE_OF, hostCan, isUnknownPage, normalizeSettings, parseHostReply,
} from '../../src/shared/messages.js';

const PROTOCOL_MD = fileURLToPath(new URL('../../../PROTOCOL.md', import.meta.url));

function protocolErrorTable() {
  const md = readFileSync(PROTOCOL_MD, 'utf8');
  const begin = md.indexOf('<!-- error-codes:begin -->');
  const end = md.indexOf('<!-- error-codes:end -->');
  assert.ok(begin >= 0 && end > begin, 'PROTOCOL.md has the error-codes markers');
  return md.slice(begin, end).split('\n')
    .map((line) => /^\|\s*(\d+)\s*\|\s*`([a-z_0-9]+)`\s*\|/.exec(line))
    .filter(Boolean)
    .map((m) => ({ code: Number(m[1]), name: m[2] }));
}

test('the error-code table matches PROTOCOL.md exactly', () => {
  const table = protocolErrorTable();
  assert.ok(table.length >= 12);
  assert.deepEqual(HostErrorCodes, table);
});

test('message type names are unique across all directions', () => {
  const all = [ContentToBackground, PopupToBackground, OptionsToBackground, BackgroundToContent]
    .flatMap((o) => Object.values(o));
  assert.equal(new Set(all).size, all.length);
});

test('request builders make the objects of PROTOCOL.md', () => {
  assert.deepEqual(HostRequests.hello(1), { id: 1, type: 'hello' });
  assert.deepEqual(HostRequests.ping(4), { id: 4, type: 'ping' });
  assert.deepEqual(HostRequests.cancel(3, 2), { id: 3, type: 'cancel', target: 2 });
  assert.deepEqual(
    HostRequests.ask(2, { question: 'where?', text: 'abc', url: 'https://x/', top: 5, maxWindows: 16, tab: 7, sentAt: 1 }),
    { id: 2, type: 'ask', question: 'where?', text: 'abc', url: 'https://x/', top: 5, maxWindows: 16, tab: 7, sentAt: 1 },
  );
  assert.deepEqual(HostRequests.ask('a', { question: 'q', text: '' }), { id: 'a', type: 'ask', question: 'q', text: '' });
});

test('request builders reject what the host would reject', () => {
  assert.throws(() => HostRequests.ask(1, { question: '  ', text: 'x' }), /question/);
  assert.throws(() => HostRequests.ask(1, { question: 'q' }), /text/);
  assert.throws(() => HostRequests.ask(1, { question: 'q', text: 'x', top: 0 }), /top/);
  assert.throws(() => HostRequests.ask(1, { question: 'q', text: 'x', top: 21 }), /top/);
  assert.throws(() => HostRequests.ask(1, { question: 'q', text: 'x', maxWindows: 257 }), /maxWindows/);
  assert.throws(() => HostRequests.ask(1, { question: 'q', text: 'x', top: 2.5 }), /top/);
  assert.throws(() => HostRequests.hello(null), /id/);
  assert.throws(() => HostRequests.hello({}), /id/);
});

test('parseHostReply accepts results and errors and rejects malformed replies', () => {
  const answers = parseHostReply({
    id: 2, type: 'answers',
    result: { mode: 'model', answers: [{ text: 'x', start: 0, end: 1, score: 1, probability: 1 }], timings: {} },
  });
  assert.equal(answers.result.answers.length, 1);
  const error = parseHostReply({ id: 7, type: 'error', error: { code: 9, name: 'cancelled', message: 'm' } });
  assert.deepEqual(error.error, { code: 9, name: 'cancelled', message: 'm' });
  assert.equal(parseHostReply({ id: null, type: 'error', error: { code: 3, name: 'invalid_json' } }).id, null);
  assert.throws(() => parseHostReply([]), /object/);
  assert.throws(() => parseHostReply({ id: 1, type: 'hello', result: { protocol: '1' } }), /protocol/);
  assert.throws(() => parseHostReply({ id: 1, type: 'answers', result: { mode: 'model', answers: [{ start: 2, end: 1 }] } }));
  assert.throws(() => parseHostReply({ id: 1, type: 'pong' }), /result/);
  assert.throws(() => parseHostReply({ id: 1, type: 'error', error: { name: 'x' } }), /code/);
});

test('the host reply types cover every request type', () => {
  assert.deepEqual(Object.values(BackgroundToHost).sort(), ['ask', 'cancel', 'hello', 'ping', 'prepare']);
  for (const t of Object.values(BackgroundToHost)) {
    assert.ok(Object.values(HostToBackground).includes(REPLY_TYPE_OF[t]), `reply type of ${t}`);
  }
  assert.equal(REPLY_TYPE_OF.prepare, 'prepared');
});

test('prepare and page ids: an ask carries exactly one of text and pageId, and may ask for a partial reply', () => {
  assert.deepEqual(HostRequests.prepare(5, { text: 'page', url: 'https://x/', tab: 3 }),
    { id: 5, type: 'prepare', text: 'page', url: 'https://x/', tab: 3 });
  assert.throws(() => HostRequests.prepare(5, {}), /text/);
  assert.deepEqual(HostRequests.ask(6, { question: 'q', pageId: 'p1', partial: true }),
    { id: 6, type: 'ask', question: 'q', pageId: 'p1', partial: true });
  assert.deepEqual(HostRequests.ask(6, { question: 'q', text: 't', partial: false }),
    { id: 6, type: 'ask', question: 'q', text: 't' });
  assert.throws(() => HostRequests.ask(6, { question: 'q', text: 't', pageId: 'p1' }), /exactly one/);
  assert.throws(() => HostRequests.ask(6, { question: 'q' }), /exactly one/);
  assert.throws(() => HostRequests.ask(6, { question: 'q', pageId: '' }), /pageId/);
  assert.throws(() => HostRequests.ask(6, { question: 'q', pageId: 'p', partial: 'yes' }), /partial/);

  const answers = { mode: 'model', answers: [{ text: 'a', start: 0, end: 1, score: 1, probability: 1 }], pageId: 'p1' };
  assert.deepEqual(parseHostReply({ id: 6, type: 'partial', result: answers }), { id: 6, type: 'partial', result: answers });
  assert.throws(() => parseHostReply({ id: 6, type: 'partial', result: { mode: 'model' } }), /partial malformed/);
  assert.throws(() => parseHostReply({ id: 6, type: 'answers', result: { ...answers, pageId: 7 } }), /pageId/);
  const prepared = { pageId: 'p1', chars: 4, cacheHit: false, timings: {} };
  assert.deepEqual(parseHostReply({ id: 5, type: 'prepared', result: prepared }).result, prepared);
  assert.throws(() => parseHostReply({ id: 5, type: 'prepared', result: { chars: 4 } }), /pageId/);
});

test('capabilities and the unknown_page error', () => {
  assert.equal(hostCan({ capabilities: ['ask', 'prepare'] }, 'prepare'), true);
  assert.equal(hostCan({ capabilities: ['ask'] }, 'partial'), false);
  assert.equal(hostCan({}, 'partial'), false, 'old hosts without capabilities');
  assert.equal(hostCan(null, 'partial'), false);
  assert.equal(isUnknownPage({ name: 'unknown_page', code: 13 }), true);
  assert.equal(isUnknownPage({ name: 'bad_field', code: 6 }), false);
});

test('settings fall back to defaults field by field', () => {
  assert.deepEqual(normalizeSettings(undefined), SETTINGS_DEFAULTS);
  assert.equal(SETTINGS_DEFAULTS.top, null, 'the host decides until the user does');
  assert.equal(SETTINGS_DEFAULTS.maxWindows, null);
  assert.deepEqual(normalizeSettings({ top: 3, maxWindows: 999, currentColor: '#ABCDEF', otherColor: 'red' }),
    { ...SETTINGS_DEFAULTS, top: 3, currentColor: '#abcdef' });
  assert.equal(normalizeSettings({ top: '7' }).top, 7);
  assert.equal(normalizeSettings({ top: '', maxWindows: '64' }).top, null);
  assert.equal(normalizeSettings({ top: '', maxWindows: '64' }).maxWindows, 64);
});

test('highlight CSS only carries validated colours', () => {
  const css = highlightCss({ currentColor: '#112233', otherColor: '}</style><script>' });
  assert.match(css, /::highlight\(askpage-current\) \{ background-color: #112233;/);
  assert.match(css, new RegExp(`::highlight\\(askpage-other\\) \\{ background-color: ${SETTINGS_DEFAULTS.otherColor};`));
  assert.doesNotMatch(css, /script/);
});

test('the not-installed sentence names both install commands', () => {
  const text = describeError({ name: 'not_installed', message: 'Specified native messaging host not found.' });
  assert.ok(text.includes('askpage-*/install.sh'));
  assert.ok(text.includes('askpage-VERSION\\install.ps1'));
  assert.equal(INSTALL_COMMANDS.unix, 'sh askpage-*/install.sh');
});

test('modeOf reads the model state of hello', () => {
  assert.equal(modeOf({ model: { state: 'ready' } }), 'model');
  assert.equal(modeOf({ model: { state: 'loading' } }), 'loading');
  assert.equal(modeOf({ model: { state: 'missing' } }), 'lexical');
  assert.equal(modeOf({ model: { state: 'broken' } }), 'lexical');
});

test('the floor setting: 10 % by default, a fraction in 0..1, sent as the ask\'s floor', () => {
  assert.equal(SETTINGS_DEFAULTS.floor, 0.1);
  assert.equal(normalizeSettings(undefined).floor, 0.1);
  assert.equal(normalizeSettings({ floor: 0.25 }).floor, 0.25);
  assert.equal(normalizeSettings({ floor: '0' }).floor, 0);
  assert.equal(normalizeSettings({ floor: 1.5 }).floor, 0.1);
  assert.equal(normalizeSettings(undefined).partial, true);
  assert.equal(normalizeSettings({ partial: false }).partial, false);
  assert.equal(normalizeSettings({ partial: 'no' }).partial, true);
  assert.equal(normalizeSettings({ floor: -0.1 }).floor, 0.1);
  assert.equal(normalizeSettings({ floor: null }).floor, 0.1);
  assert.deepEqual(HostRequests.ask(1, { question: 'q', text: 't', floor: 0.1 }),
    { id: 1, type: 'ask', question: 'q', text: 't', floor: 0.1 });
  assert.throws(() => HostRequests.ask(1, { question: 'q', text: 't', floor: 2 }), /floor/);
  assert.throws(() => HostRequests.ask(1, { question: 'q', text: 't', floor: Number.NaN }), /floor/);
});
