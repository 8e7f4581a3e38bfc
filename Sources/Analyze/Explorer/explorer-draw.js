// Drawing: points straight into an ImageData buffer, then rings and labels on top; hit testing
// through a uniform grid.

// Drawing.
let drawPending = false;
function requestDraw() {
  if (drawPending) return;
  drawPending = true;
  requestAnimationFrame(function () { drawPending = false; draw(); });
}

function draw() {
  const W = canvas.width, H = canvas.height;
  if (!W || !H) return;
  if (!image || image.width !== W || image.height !== H) {
    image = ctx.createImageData(W, H);
    pixels = new Uint32Array(image.data.buffer);
  }
  pixels.fill(WHITE);
  const map = currentMap();
  if (map) {
    const xs = map.xs, ys = map.ys;
    const s = pointSize(), half = s >> 1;
    const k = state.view.scale, o = origin();
    const dim = state.kind === 'movies' && state.selected >= 0;
    const col = dim ? faded : colours;
    const order = drawOrder().order;
    for (let t = 0; t < order.length; t++) {
      const i = order[t];
      if (!visible[i]) continue;
      const px = Math.round(xs[i] * k + o.ox) - half, py = Math.round(o.oy - ys[i] * k) - half;
      if (px <= -s || py <= -s || px >= W || py >= H) continue;
      const c = col[i];
      const x0 = Math.max(0, px), x1 = Math.min(W, px + s), y1 = Math.min(H, py + s);
      for (let y = Math.max(0, py); y < y1; y++) {
        const row = y * W;
        for (let x = x0; x < x1; x++) pixels[row + x] = c;
      }
    }
  }
  ctx.putImageData(image, 0, 0);
  drawOverlay(map);
}

// Label positions tried in turn: right, left, then rows above and below on either side
// (joined to the point by a short leader line).
const LABEL_SPOTS = [[1, 0], [-1, 0], [1, -1], [1, 1], [-1, -1], [-1, 1], [1, -2], [1, 2], [-1, -2], [-1, 2], [1, -3], [1, 3], [-1, -3], [-1, 3]];

// Writes `text` beside the point at (x, y) in the first spot that overlaps no box in `placed`
// (and records it there); with `placed` null, beside it on the right whatever is there.
// Returns whether it was written.
function label(text, x, y, bold, placed, spots) {
  ctx.font = (bold ? '600 ' : '') + Math.round(12 * dpr) + 'px "DejaVu Sans", system-ui, sans-serif';
  const w = ctx.measureText(text).width, h = 14 * dpr, gap = 7 * dpr;
  let spot = null;
  for (const [side, row] of placed ? spots || LABEL_SPOTS : [[1, 0]]) {
    const lx = side > 0 ? x + gap : x - gap - w, ly = y + row * h * 1.1;
    if (placed && (lx < 2 || lx + w > canvas.width - 2 || ly - h / 2 < 2 || ly + h / 2 > canvas.height - 2)) continue;
    const box = { x: lx - 2, y: ly - h / 2 - 1, w: w + 4, h: h + 2 };
    if (placed && placed.some(function (p) { return box.x < p.x + p.w && p.x < box.x + box.w && box.y < p.y + p.h && p.y < box.y + box.h; })) continue;
    spot = { lx: lx, ly: ly, side: side, row: row, box: box };
    break;
  }
  if (!spot) return false;
  if (placed) placed.push(spot.box);
  if (spot.row !== 0) {
    ctx.beginPath();
    ctx.moveTo(x + spot.side * 4 * dpr, y);
    ctx.lineTo(spot.side > 0 ? spot.lx - 2 * dpr : spot.lx + w + 2 * dpr, spot.ly);
    ctx.lineWidth = 1 * dpr;
    ctx.strokeStyle = 'rgba(60,60,60,0.55)';
    ctx.stroke();
  }
  ctx.lineWidth = 3 * dpr;
  ctx.strokeStyle = 'rgba(255,255,255,0.92)';
  ctx.lineJoin = 'round';
  ctx.textBaseline = 'middle';
  ctx.strokeText(text, spot.lx, spot.ly);
  ctx.fillStyle = '#111';
  ctx.fillText(text, spot.lx, spot.ly);
  return true;
}

function ring(x, y, r, width, colour) {
  ctx.beginPath();
  ctx.arc(x, y, r, 0, 2 * Math.PI);
  ctx.lineWidth = width;
  ctx.strokeStyle = colour;
  ctx.stroke();
}

function drawOverlay(map) {
  if (!map) return;
  const placed = [];
  if (state.kind === 'movies' && state.selected >= 0) {
    const c = toScreen(map.xs[state.selected], map.ys[state.selected]);
    const list = neighbourList(state.selected);
    ctx.lineWidth = 1 * dpr;
    ctx.strokeStyle = 'rgba(40,40,40,0.35)';
    for (const n of list) {
      const p = toScreen(map.xs[n.index], map.ys[n.index]);
      ctx.beginPath(); ctx.moveTo(c.x, c.y); ctx.lineTo(p.x, p.y); ctx.stroke();
    }
    list.forEach(function (n) {
      const p = toScreen(map.xs[n.index], map.ys[n.index]);
      const rgb = genreRGB[Math.min(movies.primary[n.index], G)];
      ctx.beginPath(); ctx.arc(p.x, p.y, 3.5 * dpr, 0, 2 * Math.PI); ctx.fillStyle = css(rgb); ctx.fill();
      ring(p.x, p.y, 5.5 * dpr, 1.5 * dpr, '#222');
    });
    const rgb = genreRGB[Math.min(movies.primary[state.selected], G)];
    ctx.beginPath(); ctx.arc(c.x, c.y, 4.5 * dpr, 0, 2 * Math.PI); ctx.fillStyle = css(rgb); ctx.fill();
    ring(c.x, c.y, 8 * dpr, 2.5 * dpr, '#111');
    // The chosen title first, then as many neighbour labels as fit without overlapping.
    label(displayTitle(state.selected), c.x + 3 * dpr, c.y, true, placed);
    placed.push({ x: c.x - 9 * dpr, y: c.y - 9 * dpr, w: 18 * dpr, h: 18 * dpr });
    list.forEach(function (n, r) {
      const p = toScreen(map.xs[n.index], map.ys[n.index]);
      label((r + 1) + '. ' + displayTitle(n.index), p.x, p.y, false, placed);
    });
  } else if (state.kind === 'movies' && state.landmarks) {
    // The best known titles in view, as landmarks.
    const order = drawOrder().order;
    let shown = 0;
    for (let t = order.length - 1; t >= 0 && shown < 12 && t >= order.length - 400; t--) {
      const i = order[t];
      if (!visible[i]) continue;
      const p = toScreen(map.xs[i], map.ys[i]);
      if (p.x < 0 || p.y < 8 * dpr || p.x > canvas.width || p.y > canvas.height - 26 * dpr) continue;  // clear of the hint line
      ring(p.x, p.y, 3.5 * dpr, 1 * dpr, '#333');
      if (label(displayTitle(i), p.x, p.y, false, placed, LABEL_SPOTS.slice(0, 4))) shown++;
    }
  }
  if (state.hover >= 0 && state.hover < map.xs.length) {
    const p = toScreen(map.xs[state.hover], map.ys[state.hover]);
    ring(p.x, p.y, 6 * dpr, 2 * dpr, '#000');
  }
}

// ---------------------------------------------------------------------------------------------
// Hit testing: a uniform grid over each map, about four points a cell.
function grid(map) {
  if (map.grid) return map.grid;
  const n = map.xs.length;
  const cells = Math.max(1, Math.ceil(Math.sqrt(n / 4)));
  const w = Math.max(map.x1 - map.x0, 1e-12) / cells, h = Math.max(map.y1 - map.y0, 1e-12) / cells;
  const cellOf = new Uint32Array(n);
  const start = new Uint32Array(cells * cells + 1);
  for (let i = 0; i < n; i++) {
    const cx = Math.min(cells - 1, Math.floor((map.xs[i] - map.x0) / w));
    const cy = Math.min(cells - 1, Math.floor((map.ys[i] - map.y0) / h));
    cellOf[i] = cy * cells + cx;
    start[cellOf[i] + 1]++;
  }
  for (let c = 0; c < cells * cells; c++) start[c + 1] += start[c];
  const fill = start.slice(0, cells * cells);
  const items = new Uint32Array(n);
  for (let i = 0; i < n; i++) items[fill[cellOf[i]]++] = i;
  map.grid = { cells: cells, w: w, h: h, start: start, items: items };
  return map.grid;
}

// The visible point nearest canvas pixel (px, py) within `radius` pixels (the top one of
// points at the same distance), or -1.
function pointAt(px, py, radius) {
  const map = currentMap();
  if (!map) return -1;
  const g = grid(map);
  const d = toData(px, py);
  const r = radius / state.view.scale;
  const rank = drawOrder().rank;
  const cx0 = Math.max(0, Math.floor((d.x - r - map.x0) / g.w)), cx1 = Math.min(g.cells - 1, Math.floor((d.x + r - map.x0) / g.w));
  const cy0 = Math.max(0, Math.floor((d.y - r - map.y0) / g.h)), cy1 = Math.min(g.cells - 1, Math.floor((d.y + r - map.y0) / g.h));
  let best = -1, bestD = r * r;
  for (let cy = cy0; cy <= cy1; cy++) {
    for (let cx = cx0; cx <= cx1; cx++) {
      const c = cy * g.cells + cx;
      for (let t = g.start[c]; t < g.start[c + 1]; t++) {
        const i = g.items[t];
        if (!visible[i]) continue;
        const dx = map.xs[i] - d.x, dy = map.ys[i] - d.y, dd = dx * dx + dy * dy;
        if (dd < bestD || (dd === bestD && best >= 0 && rank[i] > rank[best])) { best = i; bestD = dd; }
      }
    }
  }
  return best;
}
