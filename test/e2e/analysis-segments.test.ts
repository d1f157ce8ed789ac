// Segments from the sidebar on dist/Code.js: preview, save, rename, delete, list with live counts.
import { describe, expect, it } from 'vitest';
import { ClientCallError } from '../../local/emulator/bundle';
import type { SegmentPreview, SegmentView } from '../../src/contract/sidebar-api';
import { analysisStudio, client, order } from '../support/analysis-studio';

function studio() {
  const clients = [client('C-0001', 'Ana'), client('C-0002', 'Boris'), client('C-0003', 'Chloe')];
  clients[2]!.topic = 'art';
  const orders = [
    order('O-1', 'C-0001', '2026-10-01', 1000),
    order('O-2', 'C-0001', '2026-11-01', 3000),
    order('O-3', 'C-0002', '2026-11-05', 500),
  ];
  return { clients, orders, feedback: [], requests: [] };
}

describe('segments in the sidebar', () => {
  it('previews, saves as readable text, renames, lists with counts and deletes', () => {
    const { emu, app } = analysisStudio(studio());
    const preview = app.callFromClient('previewSegment', {
      match: 'all',
      rules: [
        { field: 'order_count', op: 'ge', value: 1 },
        { field: 'topic', op: 'eq', value: 'gaming' },
      ],
    }) as SegmentPreview;
    expect(preview.ok).toBe(true);
    expect(preview.count).toBe(2);
    expect(preview.sample.map((member) => member.name)).toEqual(['Ana', 'Boris']);

    const bad = app.callFromClient('previewSegment', 'spend >>> 5') as SegmentPreview;
    expect(bad.ok).toBe(false);
    expect(bad.problems[0]).toMatch(/Позиция|позиц/i);

    const saved = app.callFromClient('saveSegment', { name: 'Buyers', rules: 'total_spend > 600' }) as SegmentView;
    expect(saved).toMatchObject({ id: 'S-0001', name: 'Buyers', members: 1, builtIn: false });
    const row = emu.spreadsheet.values('Сегменты')[1]!;
    expect(saved.rules).toBe('total_spend > 600');
    expect(row.slice(0, 3)).toEqual(['S-0001', 'Buyers', 'total_spend > 600']);

    expect((app.callFromClient('renameSegment', 'S-0001', 'Big buyers') as SegmentView).name).toBe('Big buyers');
    const list = app.callFromClient('listSegments') as SegmentView[];
    expect(list[0]).toMatchObject({ id: 'S-0001', name: 'Big buyers', members: 1 });
    expect(list.find((segment) => segment.id === 'lifecycle:lead')?.members).toBe(1);
    expect(() => app.callFromClient('deleteSegment', 'vip')).toThrow(ClientCallError);

    expect(app.callFromClient('deleteSegment', 'S-0001')).toEqual({ deleted: 'S-0001' });
    expect(emu.spreadsheet.values('Сегменты')).toHaveLength(1);
  });
});
