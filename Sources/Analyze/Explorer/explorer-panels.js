// The side panel (selection, colour key, genre toggles, about) and the tooltip.

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
  if (d.spread) facts.push('\u00b1 ' + (d.spread[i] / 1000).toFixed(3) + ' stars (' + d.spreadLabel + ')');
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
  box.appendChild(el('h3', 'Most similar by cosine' + (d.minRatings > 0 ? ', among movies with \u2265 ' + d.minRatings + ' ratings' : '')));
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
  list.classList.toggle('plain', state.colour !== 'genre');  // swatches only when they are the map's colours
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
  about.appendChild(el('p', movies.n.toLocaleString('en') + ' movies' + (d.minRatings > 0 ? ' with \u2265 ' + d.minRatings + ' training ratings' : '')
    + '; ' + users.n.toLocaleString('en') + ' of ' + raw.users.total.toLocaleString('en') + ' users.'));
  if (d.spread) about.appendChild(el('p', 'Spread (\u00b1) on hover: ' + d.spreadLabel + '.'));
  about.appendChild(el('p', 'Shown ' + visibleCount().toLocaleString('en') + ' of ' + table().n.toLocaleString('en') + ' points.', 'shown'));
  if (timeToInteractive != null) about.appendChild(el('p', 'Ready in ' + Math.round(timeToInteractive) + ' ms.'));
}
