import type { CorrectionEntityType, ReviewType } from '@epi/core';

/** Where a press officer edits a returned item to send it again; corrections are prepared anew instead. */
export function editHref(type: ReviewType, id: string): string | null {
  switch (type) {
    case 'report':
      return `/reports/${id}/edit`;
    case 'testing_round':
      return `/testing-rounds/${id}/edit`;
    case 'isolation_snapshot':
      return `/isolation/snapshots/${id}/edit`;
    case 'correction':
      return null;
  }
}

/** Where a published item is shown with its corrections and the form to prepare one. */
export function correctedItemHref(type: CorrectionEntityType, id: string): string {
  switch (type) {
    case 'report':
      return `/reports/${id}`;
    case 'testing_round':
      return `/testing-rounds/${id}`;
    case 'isolation_snapshot':
      return `/isolation/snapshots/${id}`;
  }
}

export const reviewHref = (type: ReviewType, id: string) => `/review/${type}/${id}`;

/** A count for a table cell: '—' when not given. */
export const countText = (v: number | null | undefined) => (v === null || v === undefined ? '—' : String(v));
