// What the controls do: selection, switches, the search box, pointer (hover, drag, click, wheel)
// and layout.

// Actions.
function refilter() {
  computeVisibility();
  if (state.hover >= 0 && !visible[state.hover]) state.hover = -1;
  renderAbout();
  draw();
}

function select(i, centre) {
  state.selected = i;
  if (i >= 0 && state.kind !== 'movies') setKind('movies');
  renderSelection();
  if (i >= 0 && centre) focus(i);
  draw();
}

// Centres the view on movie i and its neighbours, zoomed in until they span about half the
// map (at most 40× the whole-map view; never zoomed out past it).
function focus(i) {
  const map = currentMap();
  let x0 = map.xs[i], x1 = x0, y0 = map.ys[i], y1 = y0;
  for (const n of neighbourList(i)) {
    x0 = Math.min(x0, map.xs[n.index]); x1 = Math.max(x1, map.xs[n.index]);
    y0 = Math.min(y0, map.ys[n.index]); y1 = Math.max(y1, map.ys[n.index]);
  }
  const span = Math.min(0.5 * canvas.width / Math.max(x1 - x0, 1e-12), 0.5 * canvas.height / Math.max(y1 - y0, 1e-12));
  state.view.scale = Math.max(fitScale, Math.min(fitScale * 40, span));
  state.view.cx = (x0 + x1) / 2;
  state.view.cy = (y0 + y1) / 2;
}

function setKind(kind) {
  if (kind === 'users' && Object.keys(modelData(state.model).userMaps).length === 0) return;
  state.kind = kind;
  state.hover = -1;
  state.only = -1;
  state.off.fill(0);
  document.querySelectorAll('[data-kind]').forEach(function (b) { b.setAttribute('aria-pressed', String(b.dataset.kind === kind)); });
  $('colour').querySelector('option[value="cluster"]').disabled = kind !== 'movies';
  if (kind !== 'movies' && state.colour === 'cluster') { state.colour = 'genre'; $('colour').value = 'genre'; }
  canvas.setAttribute('aria-label', kind === 'movies' ? 'Map of the movies' : 'Map of the users');
  refresh(true);
}

function setMethod(method) {
  state.method = method;
  document.querySelectorAll('[data-method]').forEach(function (b) { b.setAttribute('aria-pressed', String(b.dataset.method === method)); });
  refresh(true);
}

function setModel(index) {
  state.model = index;
  $('model').value = String(index);
  // Coordinates of other models are turned onto the first's, so the view is kept.
  refresh(false);
  renderSelection();
}

function setColour(colour) {
  state.colour = colour;
  $('colour').value = colour;
  computeColours();
  renderKey();
  $('genres').classList.toggle('plain', colour !== 'genre');
  draw();
}

function refresh(refit) {
  computeColours();
  computeVisibility();
  if (refit) fit();
  renderGenres();
  renderKey();
  renderAbout();
  draw();
}

// ---------------------------------------------------------------------------------------------
// Search box.
let active = -1, shownSuggestions = [];
function showSuggestions(list, note) {
  const ul = $('suggestions');
  ul.textContent = '';
  shownSuggestions = list;
  active = -1;
  if (note) ul.appendChild(el('li', note, 'note'));
  list.forEach(function (i) {
    const li = el('li', displayTitle(i));
    li.setAttribute('role', 'option');
    li.appendChild(el('span', movies.ratings[i].toLocaleString('en') + ' ratings', 'count'));
    li.addEventListener('mousedown', function (e) { e.preventDefault(); choose(i); });
    ul.appendChild(li);
  });
  ul.hidden = list.length === 0 && !note;
}
function choose(i) {
  $('search').value = displayTitle(i);
  $('suggestions').hidden = true;
  select(i, true);
}

// What pressing Enter does: the command line's match; several equally good matches select the
// most rated and list the others.
function search(query) {
  if (!query.trim()) return null;
  const m = matchTitle(query);
  if (m.found != null) { choose(m.found); return m.found; }
  if (m.ambiguous) {
    select(m.ambiguous[0], true);
    showSuggestions(m.ambiguous.slice(0, 10), m.ambiguous.length + ' movies match; showing the most rated');
    return m.ambiguous[0];
  }
  showSuggestions(m.closest, m.closest.length ? 'No movie on the map is called that; closest titles:' : 'No movie on the map matches.');
  return null;
}

function attachSearch() {
  const input = $('search');
  input.addEventListener('input', function () {
    const q = input.value;
    if (q.trim().length < 2) { showSuggestions([]); return; }
    showSuggestions(suggestions(q, 8));
  });
  input.addEventListener('keydown', function (e) {
    const items = $('suggestions').querySelectorAll('li[role="option"]');
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      if (!items.length) return;
      e.preventDefault();
      active = (active + (e.key === 'ArrowDown' ? 1 : items.length - 1) + (active < 0 && e.key === 'ArrowUp' ? 1 : 0)) % items.length;
      items.forEach(function (li, n) { li.classList.toggle('active', n === active); });
    } else if (e.key === 'Enter') {
      e.preventDefault();
      if (active >= 0 && active < shownSuggestions.length) choose(shownSuggestions[active]);
      else search(input.value);
    } else if (e.key === 'Escape') {
      $('suggestions').hidden = true;
    }
  });
  input.addEventListener('blur', function () { $('suggestions').hidden = true; });
}

// ---------------------------------------------------------------------------------------------
// Pointer: hover, drag to pan, click to select, wheel to zoom.
function canvasPoint(clientX, clientY) {
  const r = canvas.getBoundingClientRect();
  return { x: (clientX - r.left) * (canvas.width / Math.max(1, r.width)), y: (clientY - r.top) * (canvas.height / Math.max(1, r.height)) };
}

let drag = null, lastPointer = null, hoverPending = false;
function hoverAt(clientX, clientY) {
  const p = canvasPoint(clientX, clientY);
  const i = pointAt(p.x, p.y, 8 * dpr);
  if (i !== state.hover) { state.hover = i; draw(); }
  showTooltip(i, clientX, clientY);
  return i;
}

function attachPointer() {
  canvas.addEventListener('pointerdown', function (e) {
    drag = { x: e.clientX, y: e.clientY, cx: state.view.cx, cy: state.view.cy, moved: false };
    if (canvas.setPointerCapture && e.pointerId != null) { try { canvas.setPointerCapture(e.pointerId); } catch (err) { /* synthetic pointer */ } }
  });
  canvas.addEventListener('pointermove', function (e) {
    if (drag) {
      const dx = e.clientX - drag.x, dy = e.clientY - drag.y;
      if (!drag.moved && Math.abs(dx) + Math.abs(dy) > 3) { drag.moved = true; canvas.classList.add('dragging'); $('tooltip').hidden = true; }
      if (drag.moved) {
        const k = state.view.scale / (canvas.width / Math.max(1, canvas.getBoundingClientRect().width));
        state.view.cx = drag.cx - dx / k;
        state.view.cy = drag.cy + dy / k;
        requestDraw();
      }
      return;
    }
    lastPointer = { x: e.clientX, y: e.clientY };
    if (e.isTrusted === false) { hoverAt(e.clientX, e.clientY); return; }
    if (!hoverPending) {
      hoverPending = true;
      requestAnimationFrame(function () { hoverPending = false; if (lastPointer) hoverAt(lastPointer.x, lastPointer.y); });
    }
  });
  const end = function (e) {
    if (!drag) return;
    const wasClick = !drag.moved;
    drag = null;
    canvas.classList.remove('dragging');
    if (wasClick && e.type === 'pointerup') {
      const i = hoverAt(e.clientX, e.clientY);
      if (state.kind === 'movies') select(i >= 0 ? i : -1, false);
    }
  };
  canvas.addEventListener('pointerup', end);
  canvas.addEventListener('pointercancel', end);
  canvas.addEventListener('pointerleave', function () { lastPointer = null; if (state.hover >= 0) { state.hover = -1; draw(); } $('tooltip').hidden = true; });
  // Inside another page (the report's frame) a plain wheel turn scrolls that page; Ctrl (or ⌘)
  // and the wheel zooms, as embedded maps usually do.
  canvas.addEventListener('wheel', function (e) {
    if (embedded && !e.ctrlKey && !e.metaKey) return;
    e.preventDefault();
    const unit = e.deltaMode === 1 ? 33 : e.deltaMode === 2 ? 400 : 1;
    zoomAt(e.clientX, e.clientY, Math.exp(-e.deltaY * unit * 0.0015));
  }, { passive: false });
  canvas.addEventListener('dblclick', function (e) { zoomAt(e.clientX, e.clientY, 2); });
}

// Zooms by `factor` keeping the data point under (clientX, clientY) where it is.
function zoomAt(clientX, clientY, factor) {
  const p = canvasPoint(clientX, clientY);
  const before = toData(p.x, p.y);
  state.view.scale = Math.max(fitScale * 0.25, Math.min(fitScale * 4000, state.view.scale * factor));
  const after = toData(p.x, p.y);
  state.view.cx += before.x - after.x;
  state.view.cy += before.y - after.y;
  state.hover = -1;
  $('tooltip').hidden = true;
  draw();
}

// ---------------------------------------------------------------------------------------------
// Layout.
function resize() {
  dpr = window.devicePixelRatio || 1;
  const r = $('stage').getBoundingClientRect();
  const w = Math.max(1, Math.round(r.width * dpr)), h = Math.max(1, Math.round(r.height * dpr));
  if (w === canvas.width && h === canvas.height) return false;
  const keep = resized ? { cx: state.view.cx, cy: state.view.cy, zoom: state.view.scale / fitScale } : null;
  canvas.width = w;
  canvas.height = h;
  fit();
  if (keep) { state.view.cx = keep.cx; state.view.cy = keep.cy; state.view.scale = fitScale * keep.zoom; }
  resized = true;
  return true;
}
let resized = false;

function attachControls() {
  document.querySelectorAll('[data-kind]').forEach(function (b) { b.addEventListener('click', function () { setKind(b.dataset.kind); }); });
  document.querySelectorAll('[data-method]').forEach(function (b) { b.addEventListener('click', function () { setMethod(b.dataset.method); }); });
  $('colour').addEventListener('change', function () { setColour($('colour').value); });
  $('model').addEventListener('change', function () { setModel(Number($('model').value)); });
  $('reset').addEventListener('click', function () { fit(); draw(); });
  $('genres-all').addEventListener('click', function () { state.off.fill(0); state.only = -1; renderGenres(); refilter(); });
  $('genres-none').addEventListener('click', function () { state.off.fill(1); state.only = -1; renderGenres(); refilter(); });
  document.addEventListener('keydown', function (e) {
    if (e.key === 'Escape' && document.activeElement !== $('search')) select(-1);
  });
  if (typeof ResizeObserver === 'function') {
    new ResizeObserver(function () { if (resize()) draw(); }).observe($('stage'));
  } else {
    window.addEventListener('resize', function () { if (resize()) draw(); });
  }
}
