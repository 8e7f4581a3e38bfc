// The self-test (?selftest): a search, a hover, a genre toggle and a zoom, each checked against
// the data and the canvas's own pixels; the record goes into a <pre> with id "selftest".

// Self-test (?selftest): a search, a hover, a genre toggle and a zoom, each checked against
// the data and the canvas's own pixels; the record goes into <pre id="selftest">.
function pixelAt(x, y) {
  const d = ctx.getImageData(Math.round(x), Math.round(y), 1, 1).data;
  return [d[0], d[1], d[2]];
}
function isWhite(rgb) { return rgb[0] === 255 && rgb[1] === 255 && rgb[2] === 255; }

// A visible point in view with no other point within `gap` pixels: the most rated such point
// that satisfies `accept`. When the map is too crowded for one, zooms in (up to three times,
// 4× each, about the centre) and looks again.
function isolatedPoint(gap, accept) {
  for (let attempt = 0; attempt < 4; attempt++) {
    const found = isolatedInView(gap, accept);
    if (found) return found;
    state.view.scale *= 4;
    draw();
  }
  return null;
}
function isolatedInView(gap, accept) {
  const map = currentMap();
  const order = drawOrder().order;
  const g = grid(map);
  const r = gap / state.view.scale;
  for (let t = order.length - 1; t >= 0; t--) {
    const i = order[t];
    if (!visible[i] || !accept(i)) continue;
    const p = toScreen(map.xs[i], map.ys[i]);
    if (p.x < 20 || p.y < 20 || p.x > canvas.width - 20 || p.y > canvas.height - 20) continue;
    let alone = true;
    const cx0 = Math.max(0, Math.floor((map.xs[i] - r - map.x0) / g.w)), cx1 = Math.min(g.cells - 1, Math.floor((map.xs[i] + r - map.x0) / g.w));
    const cy0 = Math.max(0, Math.floor((map.ys[i] - r - map.y0) / g.h)), cy1 = Math.min(g.cells - 1, Math.floor((map.ys[i] + r - map.y0) / g.h));
    for (let cy = cy0; alone && cy <= cy1; cy++) {
      for (let cx = cx0; alone && cx <= cx1; cx++) {
        const c = cy * g.cells + cx;
        for (let u = g.start[c]; u < g.start[c + 1]; u++) {
          const j = g.items[u];
          if (j === i) continue;
          const q = toScreen(map.xs[j], map.ys[j]);
          if (Math.abs(q.x - p.x) <= gap && Math.abs(q.y - p.y) <= gap) { alone = false; break; }
        }
      }
    }
    if (alone) return { index: i, x: p.x, y: p.y };
  }
  return null;
}

function selftest() {
  const report = { timeToInteractive: timeToInteractive, devicePixelRatio: dpr, canvas: [canvas.width, canvas.height],
    movies: movies.n, users: users.n, models: raw.models.map(function (m) { return m.name; }) };
  const rect = canvas.getBoundingClientRect();
  const client = function (p) { return { x: rect.left + p.x / (canvas.width / rect.width), y: rect.top + p.y / (canvas.height / rect.height) }; };
  const step = function (name, body) {
    try { report[name] = body(); } catch (e) { report[name] = { error: String(e && e.stack || e) }; problems.errors.push(name + ': ' + String(e)); }
  };

  // Search: the box's own Enter path.
  step('search', function () {
    const query = params.get('query') || 'toy story';
    const input = $('search');
    input.value = query;
    input.dispatchEvent(new Event('input'));
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    const i = state.selected;
    if (i < 0) return { query: query, selected: null };
    const map = currentMap();
    const p = toScreen(map.xs[i], map.ys[i]);
    const ring = pixelAt(p.x, p.y - 8 * dpr);
    return {
      query: query, selected: displayTitle(i), selectedId: movies.ids[i],
      panelTitle: $('selection').querySelector('h2').textContent,
      neighbours: Array.prototype.map.call($('neighbours').querySelectorAll('li'), function (li) {
        return { id: Number(li.dataset.id), title: li.querySelector('button').textContent, score: li.querySelector('.score').textContent };
      }),
      ringPixel: ring, ringDrawn: ring[0] < 90 && ring[1] < 90 && ring[2] < 90,
    };
  });
  select(-1);

  // Hover: the pixel of a point with no neighbour within 10 pixels.
  step('hover', function () {
    const target = isolatedPoint(4 * dpr, function () { return true; });
    if (!target) return { error: 'no isolated point' };
    const c = client(target);
    canvas.dispatchEvent(new PointerEvent('pointermove', { clientX: c.x, clientY: c.y, bubbles: true }));
    const tip = $('tooltip');
    const shown = tip.hidden ? null : tip.querySelector('.t').textContent;
    const result = { expected: displayTitle(target.index), expectedId: movies.ids[target.index], shown: shown,
      pixel: [Math.round(target.x), Math.round(target.y)], tooltip: tip.hidden ? '' : tip.textContent };
    canvas.dispatchEvent(new PointerEvent('pointerleave', { bubbles: true }));
    return result;
  });

  // Genre toggle: untick a genre; exactly its movies disappear, on the canvas too.
  step('toggle', function () {
    if (G === 0) return { skipped: 'the catalogue has no genres' };
    const wanted = params.get('genre');
    let g = wanted != null ? genres.indexOf(wanted) : -1;
    if (g < 0) {
      let best = -1;
      for (let h = 0; h < G; h++) { let n = 0; for (let i = 0; i < movies.n; i++) if (hasGenre(i, h)) n++; if (n > best && n < movies.n) { best = n; g = h; } }
    }
    const member = function (i) { return hasGenre(i, g); };
    const gap = pointSize() + 2;
    state.landmarks = false;
    fit();
    let inside = null, outside = null;
    for (let attempt = 0; attempt < 4 && !(inside && outside); attempt++) {
      if (attempt > 0) state.view.scale *= 4;
      draw();
      inside = isolatedInView(gap, member);
      outside = isolatedInView(gap, function (i) { return !member(i); });
    }
    const before = visibleCount();
    const pixelsBefore = [inside && pixelAt(inside.x, inside.y), outside && pixelAt(outside.x, outside.y)];
    const box = $('genres').querySelector('input[data-genre="' + g + '"]');
    box.checked = false;
    box.dispatchEvent(new Event('change'));
    let withGenre = 0, hiddenRight = true;
    for (let i = 0; i < movies.n; i++) {
      if (member(i)) withGenre++;
      if (visible[i] !== (member(i) ? 0 : 1)) hiddenRight = false;
    }
    const after = visibleCount();
    const pixelsAfter = [inside && pixelAt(inside.x, inside.y), outside && pixelAt(outside.x, outside.y)];
    const shownLine = $('about').querySelector('.shown').textContent;
    box.checked = true;
    box.dispatchEvent(new Event('change'));
    state.landmarks = true;
    draw();
    return {
      genre: genres[g], before: before, after: after, withGenre: withGenre, hiddenExactlyItsMovies: hiddenRight, shownLine: shownLine,
      memberPixelBefore: pixelsBefore[0], memberPixelAfter: pixelsAfter[0], otherPixelBefore: pixelsBefore[1], otherPixelAfter: pixelsAfter[1],
      memberVanished: !!inside && !isWhite(pixelsBefore[0]) && isWhite(pixelsAfter[0]),
      otherStayed: !!outside && !isWhite(pixelsBefore[1]) && pixelsAfter[1].join() === pixelsBefore[1].join(),
      restored: visibleCount() === before,
    };
  });

  // Zoom: a wheel turn over a point keeps that point under the cursor; then a drag pans.
  step('zoom', function () {
    fit();
    draw();
    const target = isolatedPoint(4 * dpr, function () { return true; });
    const c = client(target);
    const scaleBefore = state.view.scale;
    canvas.dispatchEvent(new WheelEvent('wheel', { clientX: c.x, clientY: c.y, deltaY: -300, bubbles: true, cancelable: true }));
    const map = currentMap();
    const p = toScreen(map.xs[target.index], map.ys[target.index]);
    const zoomed = { factor: state.view.scale / scaleBefore, drift: Math.hypot(p.x - target.x, p.y - target.y),
      pixelUnderCursor: pixelAt(target.x, target.y) };
    canvas.dispatchEvent(new PointerEvent('pointerdown', { clientX: c.x, clientY: c.y, bubbles: true }));
    canvas.dispatchEvent(new PointerEvent('pointermove', { clientX: c.x + 40, clientY: c.y + 25, bubbles: true }));
    canvas.dispatchEvent(new PointerEvent('pointerup', { clientX: c.x + 40, clientY: c.y + 25, bubbles: true }));
    draw();
    const q = toScreen(map.xs[target.index], map.ys[target.index]);
    zoomed.panned = [Math.round((q.x - p.x) / (canvas.width / rect.width)), Math.round((q.y - p.y) / (canvas.height / rect.height))];
    fit();
    draw();
    return zoomed;
  });

  // Every other view once: users, PCA, each colouring, each model.
  step('views', function () {
    const seen = [];
    const note = function () { seen.push(state.kind + '/' + state.method + '/' + state.colour + '/' + state.model + ': ' + visibleCount()); };
    ['cluster', 'popularity', 'genre'].forEach(function (c) { setColour(c); note(); });
    setMethod('pca'); note();
    if (!document.querySelector('[data-kind="users"]').disabled) { setKind('users'); note(); setMethod('tsne'); note(); setColour('popularity'); note(); setColour('genre'); setKind('movies'); }
    setMethod('tsne');
    for (let m = 1; m < raw.models.length; m++) { setModel(m); note(); }
    setModel(0);
    return seen;
  });

  // &match=…: how each query resolves, to compare with the command line's title lookup.
  step('matches', function () {
    return params.getAll('match').map(function (query) {
      const m = matchTitle(query);
      return { query: query, found: m.found != null ? displayTitle(m.found) : null,
        ambiguous: m.ambiguous ? m.ambiguous.map(displayTitle) : null, closest: m.closest ? m.closest.map(displayTitle) : null };
    });
  });

  selftestReport = report;
  recordProblem();
  // ?selftest&probe: two requests the page must not be able to make, to show they are caught.
  if (params.has('probe')) {
    const img = new Image();
    img.src = 'https://example.invalid/cinematrix-probe.png';
    fetch('https://example.invalid/cinematrix-probe').catch(function () { /* refused, as it should be */ });
  }
}

// Writes (or rewrites) the self-test's record with every problem seen so far.
// A problem before the self-test ran (the data did not load, say) writes a record of its own.
function recordProblem() {
  if (!params.has('selftest')) return;
  if (!selftestReport) selftestReport = { failed: true };
  selftestReport.errors = problems.errors.slice();
  selftestReport.violations = problems.violations.slice();
  let pre = document.getElementById('selftest');
  if (!pre) {
    pre = document.createElement('pre');
    pre.id = 'selftest';
    pre.hidden = true;
    document.body.appendChild(pre);
  }
  pre.textContent = JSON.stringify(selftestReport);
}
