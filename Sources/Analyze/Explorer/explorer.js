/* Cinematrix explorer: the map page written by `cinematrix explore` and embedded in the report.
 *
 * Everything it needs is in the page: the data is the JSON in #cmx-data (schema in
 * docs/data-formats.md, "The explorer page's data"). The page's Content-Security-Policy forbids
 * every network request. Points are drawn straight into an ImageData buffer (a few milliseconds
 * for 87,585 points); hover looks points up in a uniform grid. `?selftest` performs a search, a
 * hover, a genre toggle and a zoom and writes what it saw into #selftest, for headless tests.
 */
(function () {
  'use strict';

  // ---------------------------------------------------------------------------------------------
  // Problems, recorded for the self-test: script errors, console.error, blocked requests.
  const problems = { errors: [], violations: [] };
  window.addEventListener('error', function (e) { problems.errors.push(String(e.message || e.error || e.type)); });
  window.addEventListener('unhandledrejection', function (e) { problems.errors.push('unhandled rejection: ' + String(e.reason)); });
  const consoleError = console.error.bind(console);
  console.error = function () {
    problems.errors.push(Array.prototype.map.call(arguments, String).join(' '));
    consoleError.apply(null, arguments);
  };
  document.addEventListener('securitypolicyviolation', function (e) {
    problems.violations.push(e.violatedDirective + ' ' + e.blockedURI);
  });

  const params = new URLSearchParams(location.search);
  const $ = function (id) { return document.getElementById(id); };

  // ---------------------------------------------------------------------------------------------
  // Data: packed columns (little-endian integers in base64) decoded into typed arrays.
  function decodeColumn(column) {
    const text = atob(column.data);
    const n = text.length;
    const b = new Uint8Array(n);
    for (let i = 0; i < n; i++) b[i] = text.charCodeAt(i);
    let out;
    switch (column.type) {
      case 'u8':
        return b;
      case 'u16':
        out = new Uint16Array(n >> 1);
        for (let i = 0, j = 0; i < out.length; i++, j += 2) out[i] = b[j] | (b[j + 1] << 8);
        return out;
      case 'i16':
        out = new Int16Array(n >> 1);
        for (let i = 0, j = 0; i < out.length; i++, j += 2) out[i] = b[j] | (b[j + 1] << 8);
        return out;
      case 'u24':
        out = new Uint32Array((n / 3) | 0);
        for (let i = 0, j = 0; i < out.length; i++, j += 3) out[i] = b[j] | (b[j + 1] << 8) | (b[j + 2] << 16);
        return out;
      case 'u32':
        out = new Uint32Array(n >> 2);
        for (let i = 0, j = 0; i < out.length; i++, j += 4) out[i] = b[j] | (b[j + 1] << 8) | (b[j + 2] << 16) | (b[j + 3] << 24);
        return out;
      case 'f64': {
        out = new Float64Array(n >> 3);
        const view = new DataView(b.buffer);
        for (let i = 0; i < out.length; i++) out[i] = view.getFloat64(8 * i, true);
        return out;
      }
      default:
        throw new Error('explorer: unknown column type ' + column.type);
    }
  }

  const raw = JSON.parse($('cmx-data').textContent);
  if (raw.format !== 1) throw new Error('explorer: data format ' + raw.format + ' is not the one this page reads (1)');
  const genres = raw.genres;
  const G = genres.length;

  const movies = {
    n: raw.movies.count,
    ids: decodeColumn(raw.movies.ids),
    titles: raw.movies.titles.split('\n'),
    years: decodeColumn(raw.movies.years),
    words: raw.movies.genreWords,
    bits: decodeColumn(raw.movies.genres),
    primary: decodeColumn(raw.movies.primaryGenre),
    ratings: decodeColumn(raw.movies.ratings),
    mean: raw.movies.meanRating ? decodeColumn(raw.movies.meanRating) : null,
    imdb: raw.movies.imdb ? decodeColumn(raw.movies.imdb) : null,
    tmdb: raw.movies.tmdb ? decodeColumn(raw.movies.tmdb) : null,
  };
  const users = {
    n: raw.users.count,
    ids: decodeColumn(raw.users.ids),
    ratings: decodeColumn(raw.users.ratings),
    favourite: decodeColumn(raw.users.favouriteGenre),
  };

  function hasGenre(i, g) {
    return ((movies.bits[i * movies.words + (g >> 5)] >>> (g & 31)) & 1) === 1;
  }
  function genresOf(i) {
    const list = [];
    for (let g = 0; g < G; g++) if (hasGenre(i, g)) list.push(g);
    return list;
  }
  function displayTitle(i) {
    return movies.years[i] > 0 ? movies.titles[i] + ' (' + movies.years[i] + ')' : movies.titles[i];
  }

  // Each model's maps and lists, decoded when first shown; an entry with `sameAs` shows the
  // maps of the model it repeats.
  const modelCache = [];
  function modelData(index) {
    let root = index;
    while (raw.models[root].sameAs != null) root = raw.models[root].sameAs;
    if (modelCache[root]) return modelCache[root];
    const m = raw.models[root];
    const maps = function (list, count) {
      const out = {};
      (list || []).forEach(function (map) {
        const q = decodeColumn(map.xy);
        const xs = new Float32Array(count), ys = new Float32Array(count);
        const sx = (map.x1 - map.x0) / 65535, sy = (map.y1 - map.y0) / 65535;
        for (let i = 0; i < count; i++) {
          xs[i] = map.x0 + q[2 * i] * sx;
          ys[i] = map.y0 + q[2 * i + 1] * sy;
        }
        out[map.method] = { method: map.method, detail: map.detail, xs: xs, ys: ys, x0: map.x0, x1: map.x1, y0: map.y0, y1: map.y1, grid: null };
      });
      return out;
    };
    modelCache[root] = {
      movieMaps: maps(m.movieMaps, movies.n),
      userMaps: maps(m.userMaps, users.n),
      k: m.neighbourCount || 0,
      neighbours: m.neighbours ? decodeColumn(m.neighbours) : new Uint32Array(0),
      scores: m.scores ? decodeColumn(m.scores) : new Int16Array(0),
      clusters: m.clusters ? decodeColumn(m.clusters) : null,
      clusterNames: m.clusterNames || [],
      spread: m.spread ? decodeColumn(m.spread) : null,
      spreadLabel: m.spreadLabel || '',
      minRatings: m.minRatings,
    };
    return modelCache[root];
  }

  // ---------------------------------------------------------------------------------------------
  // Forgiving title search, as the command line's (TitleKey, TitleIndex): case, accents,
  // punctuation, a moved article ("Matrix, The" = "The Matrix") and the year do not matter.
  const ARTICLES = new Set(['the', 'a', 'an', 'les', 'le', 'la', 'l', 'il', 'lo', 'der', 'die', 'das', 'el', 'los', 'las', 'une', 'un']);
  const MARKS = /\p{M}/gu;
  const APOSTROPHES = /['\u2019]/g;
  const SEPARATORS = /[^\p{L}\p{N}]+/u;

  function titleKey(title) {
    let t = title.normalize('NFKD').replace(MARKS, '').toLowerCase();
    const comma = t.lastIndexOf(', ');
    if (comma >= 0) {
      const tail = t.slice(comma + 2).trim();
      const word = tail.endsWith("'") ? tail.slice(0, -1) : tail;
      if (ARTICLES.has(word)) t = tail + ' ' + t.slice(0, comma);
    }
    const words = t.replace(APOSTROPHES, '').split(SEPARATORS).filter(function (w) { return w.length > 0; });
    if (words.length > 1 && ARTICLES.has(words[0])) words.shift();
    return words.join(' ');
  }

  // The keys a title is found under: whole, before an alternative title in parentheses, and
  // the alternative ("Seven (a.k.a. Se7en)" → "seven", "se7en").
  function aliases(title) {
    const keys = [titleKey(title)];
    const open = title.indexOf('(');
    if (open >= 0 && title.endsWith(')')) {
      keys.push(titleKey(title.slice(0, open)));
      let alt = title.slice(open + 1, -1);
      for (const prefix of ['a.k.a. ', 'aka ', 'a.k.a ']) if (alt.toLowerCase().startsWith(prefix)) alt = alt.slice(prefix.length);
      keys.push(titleKey(alt));
    }
    return keys.filter(function (k, i) { return k.length > 0 && keys.indexOf(k) === i; });
  }

  function splitYear(text) {
    const s = text.trim();
    const open = s.lastIndexOf('(');
    if (!s.endsWith(')') || open < 0) return { name: s, year: null };
    const inside = s.slice(open + 1, -1).trim();
    const first = inside.slice(0, 4), rest = inside.slice(4);
    if (!/^[0-9]{4}$/.test(first)) return { name: s, year: null };
    const y = parseInt(first, 10);
    if (y <= 1800 || y >= 2200 || !(rest === '' || rest[0] === '-' || rest[0] === '\u2013')) return { name: s, year: null };
    return { name: s.slice(0, open).trim(), year: y };
  }

  let titleKeys = null;
  function keys() {
    if (!titleKeys) titleKeys = movies.titles.map(aliases);
    return titleKeys;
  }
  function byPopularity(a, b) { return movies.ratings[b] - movies.ratings[a] || a - b; }

  // What the command line's TitleIndex.match finds: {found}, {ambiguous: [...]} or
  // {closest: [...]} (dense indices into the page's movies, most rated first).
  function matchTitle(query) {
    const trimmed = query.trim();
    for (const prefix of ['#', 'id:']) {
      if (trimmed.toLowerCase().startsWith(prefix)) {
        const id = Number(trimmed.slice(prefix.length));
        if (Number.isInteger(id)) for (let i = 0; i < movies.n; i++) if (movies.ids[i] === id) return { found: i };
      }
    }
    const all = keys();
    const parts = splitYear(trimmed);
    const nameKey = titleKey(parts.name);
    const where = function (accept) {
      const hits = [];
      for (let i = 0; i < movies.n; i++) if (all[i].some(accept)) hits.push(i);
      return hits;
    };
    let hits = nameKey ? where(function (k) { return k === nameKey; }) : [];
    if (hits.length === 0 && parts.year !== null) {
      const whole = titleKey(trimmed);
      hits = whole ? where(function (k) { return k === whole; }) : [];
    }
    if (hits.length === 0 && nameKey) {
      const prefix = nameKey + ' ';
      hits = where(function (k) { return k.startsWith(prefix); });
    }
    if (parts.year !== null) hits = hits.filter(function (i) { return movies.years[i] === parts.year; });
    let ordered = hits.sort(byPopularity);
    if (ordered.length > 1) {
      const typed = trimmed.toLowerCase();
      const exact = ordered.filter(function (i) { return movies.titles[i].toLowerCase() === typed || displayTitle(i).toLowerCase() === typed; });
      if (exact.length === 1) ordered = exact;
    }
    if (ordered.length === 1) return { found: ordered[0] };
    if (ordered.length > 1) return { ambiguous: ordered };
    return { closest: closestTitles(nameKey, 5) };
  }

  // Titles sharing the most words with `key` (Dice coefficient; prefixes of 3+ letters count half).
  function closestTitles(key, limit) {
    const query = new Set(key.split(' ').filter(Boolean));
    if (query.size === 0) return [];
    const all = keys();
    const scored = [];
    for (let i = 0; i < movies.n; i++) {
      let best = 0;
      for (const k of all[i]) {
        const words = new Set(k.split(' '));
        let shared = 0;
        words.forEach(function (w) {
          if (query.has(w)) shared += 1;
          else if (w.length >= 3) for (const q of query) if (q.length >= 3 && (w.startsWith(q) || q.startsWith(w))) { shared += 0.5; break; }
        });
        best = Math.max(best, 2 * shared / (query.size + words.size));
      }
      if (best > 0.3) scored.push([best, i]);
    }
    scored.sort(function (a, b) { return b[0] - a[0] || byPopularity(a[1], b[1]); });
    return scored.slice(0, limit).map(function (s) { return s[1]; });
  }

  // Suggestions while typing: titles with a key starting with what was typed, then titles
  // containing it as whole words; most rated first.
  function suggestions(query, limit) {
    const key = titleKey(splitYear(query).name);
    if (!key) return [];
    const all = keys();
    const starts = [], contains = [];
    const inner = ' ' + key;
    for (let i = 0; i < movies.n; i++) {
      let s = false, c = false;
      for (const k of all[i]) {
        if (k.startsWith(key)) { s = true; break; }
        if (k.indexOf(inner) >= 0) c = true;
      }
      if (s) starts.push(i); else if (c) contains.push(i);
    }
    return starts.sort(byPopularity).concat(contains.sort(byPopularity)).slice(0, limit);
  }

  // ---------------------------------------------------------------------------------------------
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
  const CLUSTER_RGB = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf',
    '#393b79', '#e6550d', '#31a354', '#843c39', '#7b4173', '#3182bd', '#bd9e39', '#636363', '#de9ed6', '#6baed6'].map(hexRGB);
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

  // ---------------------------------------------------------------------------------------------
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
        if (p.x < 0 || p.y < 8 * dpr || p.x > canvas.width || p.y > canvas.height - 8 * dpr) continue;
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

  // ---------------------------------------------------------------------------------------------
  // Side panel, tooltip and lists.
  function el(tag, text, cls) {
    const e = document.createElement(tag);
    if (text != null) e.textContent = text;
    if (cls) e.className = cls;
    return e;
  }

  function neighbourList(i) {
    const d = modelData(state.model);
    const out = [];
    for (let r = 0; r < d.k; r++) out.push({ index: d.neighbours[i * d.k + r], score: d.scores[i * d.k + r] / 1000 });
    return out;
  }

  function stars(hundredths) { return (hundredths / 100).toFixed(2); }

  function movieFacts(i) {
    const facts = [];
    const d = modelData(state.model);
    facts.push(movies.ratings[i].toLocaleString('en') + ' ratings');
    if (movies.mean && movies.mean[i] !== 65535) facts.push('mean ' + stars(movies.mean[i]) + ' \u2605');
    if (d.spread) facts.push('\u00b1 ' + (d.spread[i] / 1000).toFixed(3) + ' (' + d.spreadLabel + ')');
    return facts;
  }

  function showTooltip(i, clientX, clientY) {
    const tip = $('tooltip');
    if (i < 0) { tip.hidden = true; return; }
    tip.textContent = '';
    if (state.kind === 'movies') {
      tip.appendChild(el('div', displayTitle(i), 't'));
      tip.appendChild(el('div', genresOf(i).map(function (g) { return genres[g]; }).join(' · ') || 'no genre', 'g'));
      tip.appendChild(el('div', movieFacts(i).join(' · ')));
      const d = modelData(state.model);
      if (state.colour === 'cluster' && d.clusters) tip.appendChild(el('div', 'cluster ' + d.clusterNames[d.clusters[i]], 'g'));
    } else {
      tip.appendChild(el('div', 'User ' + users.ids[i], 't'));
      const g = users.favourite[i];
      tip.appendChild(el('div', 'favourite genre: ' + (g < G ? genres[g] : 'none'), 'g'));
      tip.appendChild(el('div', users.ratings[i].toLocaleString('en') + ' ratings'));
    }
    tip.hidden = false;
    const stage = $('stage').getBoundingClientRect();
    let x = clientX - stage.left + 14, y = clientY - stage.top + 14;
    if (x + tip.offsetWidth > stage.width - 4) x = clientX - stage.left - tip.offsetWidth - 14;
    if (y + tip.offsetHeight > stage.height - 4) y = clientY - stage.top - tip.offsetHeight - 14;
    tip.style.left = Math.max(2, x) + 'px';
    tip.style.top = Math.max(2, y) + 'px';
  }

  function renderSelection() {
    const box = $('selection');
    box.textContent = '';
    const i = state.selected;
    if (i < 0) { box.hidden = true; return; }
    box.hidden = false;
    const head = el('div', null, 'panel-head');
    head.appendChild(el('h2', displayTitle(i)));
    const clear = el('button', 'clear', 'link');
    clear.type = 'button';
    clear.addEventListener('click', function () { select(-1); });
    head.appendChild(clear);
    box.appendChild(head);
    box.appendChild(el('p', genresOf(i).map(function (g) { return genres[g]; }).join(' · ') || 'no genre', 'meta'));
    box.appendChild(el('p', movieFacts(i).join(' · '), 'meta'));
    const links = el('p', null, 'meta links');
    const add = function (text, url) {
      const a = el('a', text);
      a.href = url; a.target = '_blank'; a.rel = 'noopener noreferrer';
      links.appendChild(a);
    };
    if (movies.imdb || movies.tmdb) {
      add('MovieLens', 'https://movielens.org/movies/' + movies.ids[i]);
      if (movies.imdb && movies.imdb[i] > 0) add('IMDb', 'https://www.imdb.com/title/tt' + String(movies.imdb[i]).padStart(7, '0') + '/');
      if (movies.tmdb && movies.tmdb[i] > 0) add('TMDb', 'https://www.themoviedb.org/movie/' + movies.tmdb[i]);
      box.appendChild(links);
    }
    const d = modelData(state.model);
    box.appendChild(el('h3', 'Most similar by cosine, among movies with \u2265 ' + d.minRatings + ' ratings'));
    const list = el('ol');
    list.id = 'neighbours';
    for (const n of neighbourList(i)) {
      const li = el('li');
      li.dataset.id = String(movies.ids[n.index]);
      const b = el('button', displayTitle(n.index));
      b.type = 'button';
      b.addEventListener('click', function () { select(n.index, true); });
      li.appendChild(b);
      li.appendChild(el('span', n.score.toFixed(3), 'score'));
      list.appendChild(li);
    }
    box.appendChild(list);
  }

  function renderGenres() {
    const list = $('genres');
    list.textContent = '';
    const t = table();
    const counts = new Array(G + 1).fill(0);
    if (state.kind === 'movies') {
      for (let i = 0; i < t.n; i++) {
        let any = false;
        for (let g = 0; g < G; g++) if (hasGenre(i, g)) { counts[g]++; any = true; }
        if (!any) counts[G]++;
      }
    } else {
      for (let i = 0; i < t.n; i++) counts[Math.min(users.favourite[i], G)]++;
    }
    $('genres-heading').textContent = state.kind === 'movies' ? 'Genres' : 'Favourite genres';
    $('genres-note').textContent = state.kind === 'movies'
      ? 'Untick to hide every movie of a genre; click a name to show that genre alone.'
      : 'Untick to hide the users whose favourite it is; click a name to show it alone.';
    const index = [];
    for (let g = 0; g <= G; g++) if (counts[g] > 0) index.push(g);
    index.sort(function (a, b) { return (a === G) - (b === G) || counts[b] - counts[a] || a - b; });
    for (const g of index) {
      const li = el('li');
      const box = document.createElement('input');
      box.type = 'checkbox';
      box.checked = !state.off[g];
      box.dataset.genre = String(g);
      box.setAttribute('aria-label', 'show ' + (g < G ? genres[g] : 'no genre'));
      box.addEventListener('change', function () { state.off[g] = box.checked ? 0 : 1; refilter(); });
      const sw = el('span', null, 'swatch');
      sw.style.background = css(genreRGB[g]);
      const name = el('button', g < G ? genres[g] : 'no genre', state.only === g ? 'only' : '');
      name.type = 'button';
      name.title = 'Show ' + (g < G ? genres[g] : 'no genre') + ' alone (click again for all)';
      name.addEventListener('click', function () { state.only = state.only === g ? -1 : g; refilter(); renderGenres(); });
      li.appendChild(box); li.appendChild(sw); li.appendChild(name); li.appendChild(el('span', counts[g].toLocaleString('en'), 'count'));
      list.appendChild(li);
    }
  }

  function renderKey() {
    const key = $('key');
    key.textContent = '';
    const d = modelData(state.model);
    if (state.colour === 'popularity') {
      key.appendChild(el('h2', 'Colour: ratings (log scale)'));
      const bar = el('div', null, 'ramp');
      bar.style.background = 'linear-gradient(to right,' + RAMP.map(css).join(',') + ')';
      key.appendChild(bar);
      const ends = el('div', null, 'ends');
      const r = colours.range;
      ends.appendChild(el('span', Math.round(Math.exp(r[0]) - 1).toLocaleString('en')));
      ends.appendChild(el('span', Math.round(Math.exp(r[1]) - 1).toLocaleString('en')));
      key.appendChild(ends);
    } else if (state.colour === 'cluster' && state.kind === 'movies' && d.clusters) {
      key.appendChild(el('h2', 'Colour: k-means cluster of the movie vectors'));
      const ul = el('ul');
      d.clusterNames.forEach(function (name, c) {
        const li = el('li');
        const sw = el('span', null, 'swatch');
        sw.style.background = css(CLUSTER_RGB[c % CLUSTER_RGB.length]);
        li.appendChild(sw); li.appendChild(el('span', name));
        ul.appendChild(li);
      });
      key.appendChild(ul);
    } else {
      key.appendChild(el('p', state.kind === 'movies'
        ? 'Colour: each movie\u2019s rarest genre (its most specific), as in the PNG maps.'
        : 'Colour: each user\u2019s favourite genre (most over-represented among the movies they rated above their own mean).', 'note'));
    }
  }

  function renderAbout() {
    const about = $('about');
    about.textContent = '';
    const m = raw.models[state.model];
    const d = modelData(state.model);
    const map = currentMap();
    about.appendChild(el('p', m.name + ': ' + m.detail));
    if (map) about.appendChild(el('p', (state.kind === 'movies' ? 'Movies' : 'Users') + ' map: ' + map.detail));
    about.appendChild(el('p', movies.n.toLocaleString('en') + ' movies with \u2265 ' + d.minRatings + ' training ratings; '
      + users.n.toLocaleString('en') + ' of ' + raw.users.total.toLocaleString('en') + ' users.'));
    if (d.spread) about.appendChild(el('p', 'Spread (\u00b1) on hover: ' + d.spreadLabel + '.'));
    about.appendChild(el('p', 'Shown ' + visibleCount().toLocaleString('en') + ' of ' + table().n.toLocaleString('en') + ' points.', 'shown'));
    if (timeToInteractive != null) about.appendChild(el('p', 'Ready in ' + Math.round(timeToInteractive) + ' ms.'));
  }

  // ---------------------------------------------------------------------------------------------
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
    canvas.addEventListener('wheel', function (e) {
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

  // ---------------------------------------------------------------------------------------------
  // Start: first frame, then handlers; the time from navigation to here is recorded.
  let timeToInteractive = null;
  function start() {
    $('title').textContent = raw.title;
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

  // ---------------------------------------------------------------------------------------------
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

    report.errors = problems.errors.slice();
    report.violations = problems.violations.slice();
    const pre = document.createElement('pre');
    pre.id = 'selftest';
    pre.hidden = true;
    pre.textContent = JSON.stringify(report);
    document.body.appendChild(pre);
  }

  try {
    start();
    if (params.has('selftest')) selftest();
  } catch (e) {
    problems.errors.push(String(e && e.stack || e));
    const pre = document.createElement('pre');
    pre.id = 'selftest';
    pre.textContent = JSON.stringify({ errors: problems.errors, violations: problems.violations, failed: true });
    document.body.appendChild(pre);
    throw e;
  }
})();
