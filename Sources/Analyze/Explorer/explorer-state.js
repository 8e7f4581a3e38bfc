// Colours, what is shown (kind, map, colouring, genre toggles, selection) and the view transform.

// Colours.
const littleEndian = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
function pack(r, g, b) {
  return littleEndian ? ((255 << 24) | (b << 16) | (g << 8) | r) >>> 0 : ((r << 24) | (g << 16) | (b << 8) | 255) >>> 0;
}
function hexRGB(hex) {
  const v = parseInt(hex.slice(1), 16);
  return [(v >> 16) & 255, (v >> 8) & 255, v & 255];
}
function css(rgb) { return 'rgb(' + rgb[0] + ',' + rgb[1] + ',' + rgb[2] + ')'; }
const WHITE = pack(255, 255, 255);
const NO_GENRE = [158, 158, 158];
const genreRGB = raw.genreColours.map(hexRGB).concat([NO_GENRE]);
// Cluster colours: Tableau 10, then darker and lighter hues that stay apart from those.
const CLUSTER_RGB = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf',
  '#393b79', '#637939', '#ad494a', '#a55194', '#6baed6', '#fdae6b', '#74c476', '#9e9ac8', '#8c6d31', '#252525'].map(hexRGB);
// Popularity ramp: part of plasma, from dark violet (most rated) to orange (least), all
// readable on white.
const RAMP = ['#f89540', '#e16462', '#b12a90', '#6a00a8', '#0d0887'].map(hexRGB);
function ramp(t) {
  const x = Math.max(0, Math.min(1, t)) * (RAMP.length - 1);
  const i = Math.min(RAMP.length - 2, Math.floor(x)), f = x - i;
  return [0, 1, 2].map(function (c) { return Math.round(RAMP[i][c] + (RAMP[i + 1][c] - RAMP[i][c]) * f); });
}

// ---------------------------------------------------------------------------------------------
// State.
const state = {
  model: 0,
  kind: 'movies',
  method: 'tsne',
  colour: 'genre',
  off: new Uint8Array(G + 1),   // genres switched off; index G is "no genre"
  only: -1,                     // a genre shown alone, or -1
  selected: -1,                 // a movie
  hover: -1,                    // a point of the current map
  view: { cx: 0, cy: 0, scale: 1 },
  landmarks: true,              // label the best known titles in view
};
const canvas = $('map');
const embedded = window.parent !== window;  // in the report's frame
const ctx = canvas.getContext('2d');
let image = null, pixels = null;
let dpr = window.devicePixelRatio || 1;

function table() { return state.kind === 'movies' ? movies : users; }
function currentMap() {
  const d = modelData(state.model);
  const maps = state.kind === 'movies' ? d.movieMaps : d.userMaps;
  return maps[state.method] || maps.tsne || maps.pca || null;
}

// The genre a point is coloured by: a movie's primary (rarest) genre, a user's favourite.
function pointGenre(i) { return state.kind === 'movies' ? movies.primary[i] : users.favourite[i]; }

// Per-point colours (full and faded) for the current kind, model and colouring.
let colours = null, faded = null;
function computeColours() {
  const t = table();
  const d = modelData(state.model);
  colours = new Uint32Array(t.n);
  faded = new Uint32Array(t.n);
  let lo = Infinity, hi = -Infinity;
  if (state.colour === 'popularity') {
    for (let i = 0; i < t.n; i++) { const v = Math.log(1 + t.ratings[i]); lo = Math.min(lo, v); hi = Math.max(hi, v); }
  }
  for (let i = 0; i < t.n; i++) {
    let rgb;
    if (state.colour === 'popularity') rgb = ramp(hi > lo ? (Math.log(1 + t.ratings[i]) - lo) / (hi - lo) : 0.5);
    else if (state.colour === 'cluster' && state.kind === 'movies' && d.clusters) rgb = CLUSTER_RGB[d.clusters[i] % CLUSTER_RGB.length];
    else rgb = genreRGB[Math.min(pointGenre(i), G)];
    colours[i] = pack(rgb[0], rgb[1], rgb[2]);
    faded[i] = pack(rgb[0] + Math.round((255 - rgb[0]) * 0.72), rgb[1] + Math.round((255 - rgb[1]) * 0.72), rgb[2] + Math.round((255 - rgb[2]) * 0.72));
  }
  colours.range = [lo, hi];
}

// Which points the genre toggles leave visible. A movie is hidden when any of its genres is
// off (or, with one genre shown alone, when it lacks that genre); a user by favourite genre.
let visible = null;
function computeVisibility() {
  const t = table();
  const words = movies.words;
  const offBits = new Uint32Array(words);
  for (let g = 0; g < G; g++) if (state.off[g]) offBits[g >> 5] |= 1 << (g & 31);
  visible = new Uint8Array(t.n);
  for (let i = 0; i < t.n; i++) {
    let show;
    if (state.kind === 'movies') {
      let any = false, off = false;
      for (let w = 0; w < words; w++) {
        const b = movies.bits[i * words + w];
        if (b !== 0) any = true;
        if ((b & offBits[w]) !== 0) off = true;
      }
      if (!any && state.off[G]) off = true;
      const focus = state.only < 0 || (state.only === G ? !any : hasGenre(i, state.only));
      show = focus && !off;
    } else {
      const g = Math.min(users.favourite[i], G);
      show = (state.only < 0 || g === state.only) && !state.off[g];
    }
    visible[i] = show ? 1 : 0;
  }
}
function visibleCount() {
  let n = 0;
  for (let i = 0; i < visible.length; i++) n += visible[i];
  return n;
}

// Draw order: least rated first, so the best known points lie on top; and each point's rank.
const orders = {};
function drawOrder() {
  if (!orders[state.kind]) {
    const t = table();
    const order = new Uint32Array(t.n);
    for (let i = 0; i < t.n; i++) order[i] = i;
    order.sort(function (a, b) { return t.ratings[a] - t.ratings[b] || a - b; });
    const rank = new Uint32Array(t.n);
    for (let r = 0; r < t.n; r++) rank[order[r]] = r;
    orders[state.kind] = { order: order, rank: rank };
  }
  return orders[state.kind];
}

// ---------------------------------------------------------------------------------------------
// View: data (x, y) → canvas pixel (x·scale + ox, oy − y·scale), y up.
function origin() {
  return { ox: canvas.width / 2 - state.view.cx * state.view.scale, oy: canvas.height / 2 + state.view.cy * state.view.scale };
}
function toScreen(x, y) {
  const o = origin();
  return { x: x * state.view.scale + o.ox, y: o.oy - y * state.view.scale };
}
function toData(px, py) {
  const o = origin();
  return { x: (px - o.ox) / state.view.scale, y: (o.oy - py) / state.view.scale };
}
function fit() {
  const map = currentMap();
  if (!map) return;
  const w = Math.max(map.x1 - map.x0, 1e-9), h = Math.max(map.y1 - map.y0, 1e-9);
  state.view.cx = (map.x0 + map.x1) / 2;
  state.view.cy = (map.y0 + map.y1) / 2;
  state.view.scale = Math.min(canvas.width / w, canvas.height / h) * 0.92;
  fitScale = state.view.scale;
}
let fitScale = 1;

function pointSize() {
  const zoom = Math.max(1, state.view.scale / fitScale);
  const base = state.kind === 'movies' && movies.n > 20000 ? 1.5 : 2.5;
  return Math.max(1, Math.min(7, Math.round(dpr * (base + Math.log2(zoom) * 0.6))));
}
