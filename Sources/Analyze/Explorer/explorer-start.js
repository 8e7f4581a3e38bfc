// Start: first frame, then handlers; the time from navigation to here is recorded. Runs last.

// Start: first frame, then handlers; the time from navigation to here is recorded.
let timeToInteractive = null;
function start() {
  $('title').textContent = raw.title;
  if (embedded) $('hint').textContent = 'Ctrl + scroll to zoom \u00b7 drag to pan \u00b7 click a point to select it';
  $('subtitle').textContent = raw.subtitle;
  const modelSelect = $('model');
  raw.models.forEach(function (m, i) {
    const o = el('option', m.name);
    o.value = String(i);
    modelSelect.appendChild(o);
  });
  $('model-control').hidden = raw.models.length < 2;
  if (Object.keys(modelData(0).userMaps).length === 0) document.querySelector('[data-kind="users"]').disabled = true;
  if (!modelData(0).clusters) $('colour').querySelector('option[value="cluster"]').disabled = true;

  const want = function (name, allowed) { const v = params.get(name); return allowed.indexOf(v) >= 0 ? v : null; };
  const requestedModel = Number(params.get('model'));
  if (Number.isInteger(requestedModel) && requestedModel > 0 && requestedModel < raw.models.length) { state.model = requestedModel; modelSelect.value = String(requestedModel); }
  state.method = want('method', ['tsne', 'pca']) || 'tsne';
  document.querySelectorAll('[data-method]').forEach(function (b) { b.setAttribute('aria-pressed', String(b.dataset.method === state.method)); });
  state.colour = want('colour', ['genre', 'cluster', 'popularity']) || 'genre';
  $('colour').value = state.colour;
  if (want('kind', ['users']) && !document.querySelector('[data-kind="users"]').disabled) {
    state.kind = 'users';
    document.querySelectorAll('[data-kind]').forEach(function (b) { b.setAttribute('aria-pressed', String(b.dataset.kind === 'users')); });
    if (state.colour === 'cluster') { state.colour = 'genre'; $('colour').value = 'genre'; }
  }

  resize();
  computeColours();
  computeVisibility();
  draw();
  attachPointer();
  attachSearch();
  attachControls();
  timeToInteractive = performance.now();
  document.documentElement.dataset.timeToInteractive = timeToInteractive.toFixed(1);
  renderGenres();
  renderKey();
  renderAbout();
  const q = params.get('q');
  if (q) { $('search').value = q; search(q); $('suggestions').hidden = true; }
  setTimeout(keys, 250);  // title keys for the search box, once the map is up
}

try {
  start();
  if (params.has('selftest')) selftest();
} catch (e) {
  problems.errors.push(String(e && e.stack || e));
  recordProblem();
  throw e;
}
