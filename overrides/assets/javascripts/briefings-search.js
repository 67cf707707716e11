// The briefings' search dialog (partials/briefings-search.html) on Pagefind's index.
//
// Pagefind's script (pagefind/pagefind.js, built with the site) is imported on the first
// open, so a page that is only read downloads nothing of the search; a query downloads the
// index chunks of its words and the fragments of the results it shows. A site of more than
// 2,000 briefings is indexed in parts, newest briefings first (build_tools/search.py,
// PART_PAGES): a query searches the first part alone, and the next parts are merged into it
// (Pagefind's mergeIndex, each once) while its results are fewer than a page of them, or
// when the reader asks for every briefing ("Search all") or opens "Filters", whose values
// and counts are the whole site's. A first search so downloads the page list and chunks of
// one part, whatever the size of the site. Pagefind searches in its web worker, a second
// copy of its code (12 kB of a first search): ranking the pages of a word that nearly every
// briefing holds took about a second at 10,000 briefings (Chromium on the benchmark's
// machine), which would freeze the page, typing included, if it ran there. Results show the
// briefing's title, date and the passage that matched. Result text is put in the page as
// text: only Pagefind's <mark> around the matched words becomes markup.

const dialog = document.getElementById("briefings-search");
const opener = document.querySelector(".briefings-search__open");
const SHOWN = 10;
const DEBOUNCE_MS = 150;

if (dialog && opener) {
  const query = dialog.querySelector(".briefings-search__query");
  const status = dialog.querySelector(".briefings-search__status");
  const list = dialog.querySelector(".briefings-search__results");
  const filters = dialog.querySelector(".briefings-search__filters");
  const selects = [...dialog.querySelectorAll("select[data-filter]")];
  const root = new URL(dialog.dataset.root, document.baseURI);
  const bundle = new URL(dialog.dataset.bundle, document.baseURI);
  const widenButton = dialog.querySelector(".briefings-search__all");
  let loading = null;
  let searchNumber = 0;
  let timer = 0;
  // The parts' listing (build_tools/search.py, PARTS_FILE): the other parts' folders, older
  // briefings each, the briefing pages of every part, the first's included, and the filter
  // of the page of words each part holds besides its briefings (VOCABULARY: so that a word
  // of another part's pages makes no part fall back to a shorter word of its own), which is
  // left out of every search of a site in parts.
  let listing = { parts: [], pages: [] };
  let leftOut = {};
  let merged = 0; // parts merged into the first
  let widening = Promise.resolve();

  const partsOf = async () => {
    try {
      const response = await fetch(new URL("briefings-parts.json", bundle));
      return response.ok ? await response.json() : { parts: [], pages: [] };
    } catch {
      return { parts: [], pages: [] };
    }
  };

  const load = () => {
    loading ??= (async () => {
      const parts = partsOf();
      const pagefind = await import(new URL("pagefind.js", bundle).href);
      await pagefind.options({ baseUrl: root.pathname, excerptLength: 30 });
      await pagefind.init();
      listing = await parts;
      listing.parts ??= [];
      listing.pages ??= [];
      if (listing.not) leftOut = { not: listing.not };
      return pagefind;
    })();
    return loading;
  };

  // The parts up to the `count`th besides the first merged into it, one after another.
  const widen = (engine, count) => {
    widening = widening.then(async () => {
      const wanted = Math.min(count, listing.parts.length);
      while (merged < wanted) {
        const part = new URL(listing.parts[merged], bundle).href;
        await engine.mergeIndex(part, { baseUrl: root.pathname });
        merged += 1;
      }
    });
    return widening;
  };

  const sum = (numbers) => numbers.reduce((total, n) => total + n, 0);
  const everyPartSearched = () => merged >= listing.parts.length;

  const open = () => {
    if (!dialog.open) dialog.showModal();
    query.focus();
    query.select();
    load();
  };

  const chosenFilters = () => {
    const chosen = {};
    for (const select of selects) {
      if (select.value) chosen[select.dataset.filter] = select.value;
    }
    return chosen;
  };

  // Pagefind's excerpt as nodes: its text as text, its <mark> elements as <mark>.
  const excerptNodes = (excerpt) => {
    const parsed = new DOMParser().parseFromString(excerpt, "text/html");
    return [...parsed.body.childNodes].map((node) => {
      if (node.nodeName === "MARK") {
        const mark = document.createElement("mark");
        mark.textContent = node.textContent;
        return mark;
      }
      return document.createTextNode(node.textContent);
    });
  };

  const resultItem = (data) => {
    const item = document.createElement("li");
    item.className = "briefings-search__result";
    const link = document.createElement("a");
    link.href = data.url;
    const title = document.createElement("span");
    title.className = "briefings-search__title";
    title.textContent = data.meta.title || data.url;
    link.append(title);
    if (data.meta.date) {
      const date = document.createElement("time");
      date.className = "briefings-search__date";
      date.dateTime = data.meta.date;
      date.textContent = data.meta.date;
      link.append(" ", date);
    }
    const excerpt = document.createElement("span");
    excerpt.className = "briefings-search__excerpt";
    excerpt.append(...excerptNodes(data.excerpt || ""));
    link.append(excerpt);
    item.append(link);
    return item;
  };

  const run = async () => {
    const number = ++searchNumber;
    const term = query.value.trim();
    const chosen = chosenFilters();
    if (!term && Object.keys(chosen).length === 0) {
      list.replaceChildren();
      status.textContent = "";
      dialog.dataset.resultsFor = "";
      return;
    }
    const engine = await load();
    let search;
    for (;;) {
      search = await engine.search(term || null, { filters: { ...chosen, ...leftOut } });
      if (number !== searchNumber || !search) return; // a newer query is under way
      if (search.results.length >= SHOWN || everyPartSearched()) break;
      await widen(engine, merged + 1); // fewer than a page of results: older briefings too
      if (number !== searchNumber) return;
    }
    const shown = await Promise.all(search.results.slice(0, SHOWN).map((r) => r.data()));
    if (number !== searchNumber) return;
    list.replaceChildren(...shown.map(resultItem));
    const count = search.results.length;
    const plural = (n, word) => `${n.toLocaleString("en-US")} ${word}${n === 1 ? "" : "s"}`;
    const within = everyPartSearched()
      ? ""
      : ` among the newest ${plural(sum(listing.pages.slice(0, merged + 1)), "briefing")}`;
    status.textContent =
      count === 0
        ? `No matching briefings${within}`
        : `${plural(count, "matching briefing")}${within}` +
          (count > SHOWN ? `, the first ${SHOWN} shown` : "");
    widenButton.hidden = everyPartSearched();
    widenButton.textContent = `Search all ${sum(listing.pages).toLocaleString("en-US")} briefings`;
    // What the results shown are for, as a query string (tests wait for it).
    dialog.dataset.resultsFor = new URLSearchParams({ q: term, ...chosen }).toString();
  };

  const fillFilters = async () => {
    if (filters.dataset.filled) return;
    filters.dataset.filled = "1";
    const engine = await load();
    if (!everyPartSearched()) {
      await widen(engine, listing.parts.length); // every briefing's values
      if (query.value.trim()) run(); // and the results shown, of every briefing
    }
    const available = await engine.filters();
    for (const select of selects) {
      const values = Object.entries(available[select.dataset.filter] || {});
      values.sort(([a], [b]) =>
        select.dataset.filter === "year" ? b.localeCompare(a) : a.localeCompare(b),
      );
      for (const [value, count] of values) {
        select.append(new Option(`${value} (${count})`, value));
      }
    }
  };

  opener.addEventListener("click", open);
  dialog.querySelector(".briefings-search__close").addEventListener("click", () => dialog.close());
  dialog.querySelector("form").addEventListener("submit", (event) => {
    event.preventDefault();
    run();
  });
  query.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(run, DEBOUNCE_MS);
  });
  for (const select of selects) select.addEventListener("change", run);
  widenButton.addEventListener("click", async () => {
    widenButton.hidden = true;
    await widen(await load(), listing.parts.length);
    run();
  });
  filters.addEventListener("toggle", () => filters.open && fillFilters());
  // A click on the backdrop (outside the dialog's box) closes it.
  dialog.addEventListener("click", (event) => {
    if (event.target === dialog) dialog.close();
  });
  document.addEventListener("keydown", (event) => {
    if (dialog.open || event.ctrlKey || event.metaKey || event.altKey) return;
    const target = event.target;
    const typing =
      target instanceof HTMLElement &&
      (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
    if (!typing && (event.key === "/" || event.key === "s")) {
      event.preventDefault();
      open();
    }
  });
}
