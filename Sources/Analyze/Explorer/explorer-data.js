// Cinematrix explorer: the map page written by `cinematrix explore` and embedded in the report.
// The page's script is the files explorer-*.js run in one function scope, in the order
// ExplorerPage.script lists them (this one first, explorer-start.js last). Everything the page
// needs is in it: the data is the JSON in #cmx-data (docs/data-formats.md, "The explorer page's
// data"), and its Content-Security-Policy forbids every network request.
//
// Problems recorded for the self-test, and the page's data decoded: packed columns (little-endian
// integers in base64, see PackedColumn.swift) into typed arrays; each model's maps and lists on
// first use.

// Problems, recorded for the self-test: script errors, console.error, blocked requests (the
// Content-Security-Policy turns any request into a violation event). One arriving after the
// self-test has written its record is added to it (`recordProblem`, explorer-selftest.js).
const params = new URLSearchParams(location.search);
const problems = { errors: [], violations: [] };
let selftestReport = null;  // the self-test's record, once written
window.addEventListener('error', function (e) { problems.errors.push(String(e.message || e.error || e.type)); recordProblem(); });
window.addEventListener('unhandledrejection', function (e) { problems.errors.push('unhandled rejection: ' + String(e.reason)); recordProblem(); });
const consoleError = console.error.bind(console);
console.error = function () {
  problems.errors.push(Array.prototype.map.call(arguments, String).join(' '));
  recordProblem();
  consoleError.apply(null, arguments);
};
document.addEventListener('securitypolicyviolation', function (e) {
  problems.violations.push(e.violatedDirective + ' ' + e.blockedURI);
  recordProblem();
});

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
