// A classic script in the bar page's <head>, run before its modules load: keys typed right after the shortcut, before
// the box exists or has focus, are kept and put in the box when it is parsed; from then on the box has focus.
(() => {
  const early = [];
  const box = () => document.getElementById('question');
  const keep = (event) => {
    if (!event.isTrusted || (box() && document.activeElement === box())) return;
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key.length === 1) early.push(event.key);
    else if (event.key === 'Backspace') early.pop();
    else return;
    event.preventDefault();
  };
  window.addEventListener('keydown', keep, true);
  document.addEventListener('DOMContentLoaded', () => {
    window.removeEventListener('keydown', keep, true); // from now on the box has focus and takes the keys itself
    const input = box();
    input.value = early.join('') + input.value;
    if (document.hasFocus()) input.focus(); // only inside this frame: the content script gives the frame the focus
    input.setSelectionRange(input.value.length, input.value.length);
  });
})();
