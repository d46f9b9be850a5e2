// Browser: the lookup on /zones/. Loads the head of the static index on first focus or keystroke,
// then as the user types the shards the query needs (the districts it names, else all), and filters.
// Everything is rendered with textContent, never as HTML.
// The time module alone, not the whole of @epi/core: this script is sent to every reader.
import { formatDateTime } from '@epi/core/time';
import { el, fill, findWidget } from './dom.ts';
import {
  assembleIndex,
  findZones,
  prepareIndex,
  shardsFor,
  type LookupHead,
  type LookupIndex,
  type LookupShard,
  type LookupZone,
  type PreparedIndex,
} from '../lib/lookup.ts';

const MAX_SHOWN = 50;

type Strings = Record<
  'loading' | 'loadFailed' | 'found' | 'shownFirst' | 'notFound' | 'notFoundAdvice' | 'districtWideNote' | 'within' | 'since' | 'separator',
  string
>;

export function startZoneLookup(): void {
  const elements = findWidget<Elements>('[data-lookup]', {
    form: '[data-lookup-form]',
    input: 'input',
    status: '[data-lookup-status]',
    results: '[data-lookup-results]',
  });
  if (elements) wire(elements);
}

interface Elements {
  root: HTMLElement;
  form: HTMLElement;
  input: HTMLInputElement;
  status: HTMLElement;
  results: HTMLUListElement;
}

function wire({ root, form, input, status, results }: Elements): void {
  const strings = JSON.parse(root.dataset.strings ?? '{}') as Strings;
  form.hidden = false;
  root.querySelector<HTMLElement>('[data-lookup-nojs]')?.setAttribute('hidden', '');

  const getJson = async <T>(url: string): Promise<T> => {
    const r = await fetch(url);
    if (!r.ok) throw new Error(`HTTP ${r.status}`);
    return (await r.json()) as T;
  };
  let head: Promise<LookupHead> | null = null;
  const shards = new Map<string, Promise<LookupShard>>();
  const loadHead = () =>
    (head ??= getJson<LookupHead>(root.dataset.indexUrl ?? '').catch((error: unknown) => {
      head = null; // try again on the next keystroke
      throw error;
    }));
  const loadShard = (h: LookupHead, code: string) => {
    let shard = shards.get(code);
    if (!shard) {
      shard = getJson<LookupShard>(h.shardUrl.replace('{code}', encodeURIComponent(code))).catch((error: unknown) => {
        shards.delete(code);
        throw error;
      });
      shards.set(code, shard);
    }
    return shard;
  };
  // The index prepared for the shards loaded so far, rebuilt when a query needs more of them.
  let prepared: { codes: string; index: LookupIndex; prepared: PreparedIndex } | null = null;
  async function load(query: string): Promise<{ index: LookupIndex; prepared: PreparedIndex }> {
    const h = await loadHead();
    const needed = shardsFor(h, query);
    const loaded = await Promise.all(needed.map((code) => loadShard(h, code)));
    if (loaded.some((s) => s.asOf !== h.asOf)) {
      // A new list went live while reading: start again from its head.
      head = null;
      shards.clear();
      prepared = null;
      throw new Error('the list changed while it was being read');
    }
    const codes = [...shards.keys()].sort().join(' ');
    if (prepared?.codes !== codes) {
      const all = await Promise.all([...shards.values()]);
      const index = assembleIndex(h, all);
      prepared = { codes, index, prepared: prepareIndex(index) };
    }
    return prepared;
  }

  const zoneUrl = (index: LookupIndex, id: string) => index.zoneUrl.replace('{id}', encodeURIComponent(id));
  const levelClass = (severity: number) => `level level-${Math.max(1, Math.min(3, severity))}`;

  function item(index: LookupIndex, z: LookupZone): HTMLLIElement {
    const [id, name, di, address, li, since, within, upcoming] = z;
    const level = index.levels[li];
    const li_ = el('li');
    const link = el('a', 'lookup-name', name);
    link.href = zoneUrl(index, id);
    li_.append(link, ' ', el('span', 'zone-district', `（${index.districts[di]?.name ?? ''}）`), ' ');
    if (level) li_.append(el('span', levelClass(level.severity), level.name));
    const meta: string[] = [];
    if (address) meta.push(address);
    meta.push(fill(strings.since, { when: formatDateTime(since) }));
    const measure = within ? prepared?.prepared.byId.get(within) : undefined;
    if (measure) meta.push(fill(strings.within, { measure: measure[1], level: index.levels[measure[4]]?.name ?? '' }));
    if (upcoming) meta.push(upcoming);
    li_.append(el('span', 'lookup-meta', meta.join(' · ')));
    return li_;
  }

  function render(index: LookupIndex, prepared: PreparedIndex, query: string): void {
    const found = findZones(prepared, query);
    results.replaceChildren(...found.slice(0, MAX_SHOWN).map((z) => item(index, z)));
    const lines: HTMLElement[] = [];
    if (found.length > 0) {
      lines.push(el('p', 'lookup-count', fill(strings.found, { n: String(found.length) })));
      if (found.length > MAX_SHOWN) lines.push(el('p', undefined, fill(strings.shownFirst, { n: String(MAX_SHOWN) })));
    } else {
      lines.push(el('p', 'lookup-none', fill(strings.notFound, { query: query.trim(), when: formatDateTime(index.asOf) })));
      // A place inside a district under a whole-district measure is in a zone even when its own name is not listed.
      const measures = index.zones.filter((z) => index.districtWide.includes(z[0]));
      if (measures.length > 0) {
        const names = measures.map((m) => `${m[1]}（${index.levels[m[4]]?.name ?? ''}）`).join(strings.separator);
        lines.push(el('p', 'lookup-warning', `${strings.districtWideNote}${names}`));
      }
      lines.push(el('p', undefined, strings.notFoundAdvice));
    }
    status.replaceChildren(...lines);
  }

  let timer: ReturnType<typeof setTimeout> | undefined;
  async function update(): Promise<void> {
    const query = input.value;
    if (query.trim() === '') {
      status.replaceChildren();
      results.replaceChildren();
      return;
    }
    const slow = setTimeout(() => status.replaceChildren(el('p', undefined, strings.loading)), 100);
    try {
      let found: { index: LookupIndex; prepared: PreparedIndex };
      try {
        found = await load(query);
      } catch {
        found = await load(query); // once more: a new list went live, or the network hiccuped
      }
      if (input.value === query) render(found.index, found.prepared, query);
    } catch {
      status.replaceChildren(el('p', 'lookup-warning', strings.loadFailed));
    } finally {
      clearTimeout(slow);
    }
  }

  input.addEventListener('focus', () => void loadHead().catch(() => undefined), { once: true });
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => void update(), 150);
  });
  if (input.value) void update();
}
