// Forgiving title search, as the command line's (TitleKey.swift, TitleIndex.swift).

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
