// Options: how many answers, the probability floor, highlight colours, window budget; the shortcut; host and model
// status (from hello).

import { api } from '../shared/api.js';
import {
  INSTALL_COMMANDS, OptionsToBackground, SETTINGS_DEFAULTS, modeOf, normalizeSettings,
} from '../shared/messages.js';

const $ = (id) => document.getElementById(id);
const FIELDS = ['top', 'maxWindows', 'currentColor', 'otherColor'];
// Stored as a fraction (the ask's `floor`), shown as a whole percentage.
const toPercent = (fraction) => String(Math.round(fraction * 100));
const fromPercent = (text) => (text.trim() === '' ? null : Number(text) / 100);
const isFirefox = api.runtime.getURL('').startsWith('moz-extension:');

function fill(settings) {
  for (const key of FIELDS) $(key).value = settings[key] === null ? '' : String(settings[key]);
  $('floor').value = toPercent(settings.floor);
}

async function load() {
  const { settings } = await api.storage.local.get('settings');
  fill(normalizeSettings(settings));
}

async function save() {
  const raw = {};
  for (const key of FIELDS) raw[key] = $(key).value; // '' (number boxes left empty) means the host's default
  raw.floor = fromPercent($('floor').value); // empty or out of 0..100: the default, 10 %
  const settings = normalizeSettings(raw);
  await api.storage.local.set({ settings });
  fill(settings);
  $('saved').textContent = 'Saved.';
}

async function showShortcut() {
  const commands = await api.commands.getAll();
  const find = commands.find((c) => c.name === 'open-find-bar');
  $('shortcut').textContent = find?.shortcut || 'not set';
  $('shortcut-help').textContent = isFirefox
    ? 'Firefox: about:addons → the gear menu → Manage Extension Shortcuts.'
    : 'Chrome: chrome://extensions/shortcuts';
}

async function openShortcutSettings() {
  if (isFirefox) {
    if (api.commands.openShortcutSettings) await api.commands.openShortcutSettings();
  } else {
    await api.tabs.create({ url: 'chrome://extensions/shortcuts' });
  }
}

async function showHost() {
  const status = await api.runtime.sendMessage({ type: OptionsToBackground.STATUS, connect: true });
  const hello = status?.hello;
  $('install').hidden = status?.state !== 'not_installed';
  $('host-state').textContent = status?.state === 'ready' ? `connected (${modeOf(hello)})`
    : status?.state === 'not_installed' ? 'not installed'
      : `${status?.state ?? 'unknown'}${status?.lastError ? `: ${status.lastError}` : ''}`;
  if (hello?.limits) {
    $('top').placeholder = `host default: ${hello.limits.defaultTop}`;
    $('maxWindows').placeholder = `host default: ${hello.limits.defaultMaxWindows}`;
  }
  if (hello && status.state === 'ready') {
    $('host-version').textContent = `${hello.host} ${hello.hostVersion}, protocol ${hello.protocol}`;
    const model = hello.model ?? {};
    $('model').textContent = [model.state, model.id, model.precision, model.message].filter(Boolean).join(' — ');
  }
}

$('install-unix').textContent = INSTALL_COMMANDS.unix;
$('install-windows').textContent = INSTALL_COMMANDS.windows;
$('settings').addEventListener('change', save);
$('settings').addEventListener('submit', (event) => event.preventDefault());
$('reset').addEventListener('click', async () => {
  await api.storage.local.set({ settings: { ...SETTINGS_DEFAULTS } });
  fill(SETTINGS_DEFAULTS);
  $('saved').textContent = 'Defaults restored.';
});
$('shortcuts').addEventListener('click', openShortcutSettings);
load();
showShortcut();
showHost();
