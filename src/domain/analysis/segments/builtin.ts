// Segments that work with no setup: one per RFM segment and lifecycle stage, VIPs, birthdays, lapsing regulars.
import { LIFECYCLE_STAGES, lifecycleStageKey } from '../lifecycle';
import { RFM_SEGMENTS, rfmSegmentKey } from '../rfm';
import type { Segment } from './model';

export interface BuiltInOptions {
  /** Loyalty tiers that count as VIP. */
  vipTiers?: readonly string[];
}

export function builtInSegments(options: BuiltInOptions = {}): Segment[] {
  const vipTiers = options.vipTiers ?? ['vip'];
  return [
    ...RFM_SEGMENTS.map((segment): Segment => ({
      id: `rfm:${segment}`,
      name: rfmSegmentKey(segment),
      builtIn: true,
      match: 'all',
      rules: [{ field: 'rfm_segment', op: 'eq', value: segment }],
    })),
    ...LIFECYCLE_STAGES.map((stage): Segment => ({
      id: `lifecycle:${stage}`,
      name: lifecycleStageKey(stage),
      builtIn: true,
      match: 'all',
      rules: [{ field: 'lifecycle', op: 'eq', value: stage }],
    })),
    {
      id: 'vip',
      name: 'analysis.builtin.vip',
      builtIn: true,
      match: 'all',
      rules: [{ field: 'tier', op: 'in', value: vipTiers }],
    },
    {
      id: 'birthday_this_month',
      name: 'analysis.builtin.birthdayThisMonth',
      builtIn: true,
      match: 'all',
      rules: [{ field: 'birthday_this_month', op: 'eq', value: true }],
    },
    {
      id: 'lapsing_regulars',
      name: 'analysis.builtin.lapsingRegulars',
      builtIn: true,
      match: 'all',
      rules: [
        { field: 'lifecycle', op: 'eq', value: 'lapsing' },
        { field: 'order_count', op: 'ge', value: 2 },
      ],
    },
  ];
}
