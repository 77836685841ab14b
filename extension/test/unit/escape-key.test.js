import assert from 'node:assert/strict';
import test from 'node:test';
import { EscapeToClose } from '../../src/findbar/escape-key.js';

const down = (key, fields = {}) => ({ key, isComposing: false, keyCode: key === 'Escape' ? 27 : 65, ...fields });
const up = (key) => ({ key });

test('a plain Esc closes the bar on its keyup', () => {
  const escape = new EscapeToClose();
  assert.equal(escape.keydown(down('Escape')), true, 'its keydown is the closing key (default prevented)');
  assert.equal(escape.keyup(up('Escape')), true);
});

test('an Esc that cancels an IME composition (the IME takes the keydown) does not close the bar', () => {
  // Chromium: the IME's keydown is "Process" / 229; Firefox: an Escape keydown with isComposing.
  for (const imeKeydown of [down('Process', { keyCode: 229 }), down('Escape', { keyCode: 229 }),
    down('Escape', { isComposing: true }), down('Unidentified', { keyCode: 229, isComposing: true })]) {
    const escape = new EscapeToClose();
    assert.equal(escape.keydown(imeKeydown), false, JSON.stringify(imeKeydown));
    assert.equal(escape.keyup(up('Escape')), false, JSON.stringify(imeKeydown));
  }
});

test('an Escape keyup whose keydown this document never saw (pressed before the bar had focus) does not close it', () => {
  assert.equal(new EscapeToClose().keyup(up('Escape')), false);
});

test('after a composition was cancelled, the next plain Esc closes the bar', () => {
  const escape = new EscapeToClose();
  escape.keydown(down('Process', { keyCode: 229 }));
  assert.equal(escape.keyup(up('Escape')), false);
  escape.keydown(down('Escape'));
  assert.equal(escape.keyup(up('Escape')), true);
});

test('one keydown closes once: a second keyup without a new keydown does not', () => {
  const escape = new EscapeToClose();
  escape.keydown(down('Escape'));
  assert.equal(escape.keyup(up('Escape')), true);
  assert.equal(escape.keyup(up('Escape')), false);
});

test('other keys between an Esc keydown and its keyup (Shift held) leave it closing; their keyups close nothing', () => {
  const escape = new EscapeToClose();
  escape.keydown(down('Escape'));
  assert.equal(escape.keydown(down('Shift')), false);
  assert.equal(escape.keyup(up('Shift')), false);
  assert.equal(escape.keyup(up('Escape')), true);
});

test('a composing keydown after a plain Esc keydown (the IME took over) keeps its keyup from closing', () => {
  const escape = new EscapeToClose();
  escape.keydown(down('Escape'));
  escape.keydown(down('Process', { keyCode: 229 }));
  assert.equal(escape.keyup(up('Escape')), false);
});
