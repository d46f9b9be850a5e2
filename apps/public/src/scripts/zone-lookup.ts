// Browser: the lookup on /zones/. Loads the static index on first focus or keystroke, then filters
// as the user types. Everything is rendered with textContent, never as HTML.
// The time module alone, not the whole of @epi/core: this script is sent to every reader.
import { formatDateTime } from '@epi/core/time';
import { el, fill, findWidget } from './dom.ts';
import { findZones, type LookupIndex, type LookupZone, type PreparedIndex, prepareIndex } from '../lib/lookup.ts';

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

  let loading: Promise<{ index: LookupIndex; prepared: PreparedIndex }> | null = null;
  const load = () =>
    (loading ??= fetch(root.dataset.indexUrl ?? '')
      .then((r) => {
        if (!r.ok) throw new Error(`HTTP ${r.status}`);
        return r.json() as Promise<LookupIndex>;
      })
      .then((index) => ({ index, prepared: prepareIndex(index) }))
      .catch((error: unknown) => {
        loading = null; // try again on the next keystroke
        throw error;
      }));

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
    const measure = within >= 0 ? index.zones[within] : undefined;
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
      const measures = index.districtWide.map((i) => index.zones[i]).filter((z) => z !== undefined);
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
    const pending = loading === null;
    if (pending) status.replaceChildren(el('p', undefined, strings.loading));
    try {
      const { index, prepared } = await load();
      if (input.value === query) render(index, prepared, query);
    } catch {
      status.replaceChildren(el('p', 'lookup-warning', strings.loadFailed));
    }
  }

  input.addEventListener('focus', () => void load().catch(() => undefined), { once: true });
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => void update(), 150);
  });
  if (input.value) void update();
}
