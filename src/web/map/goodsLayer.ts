/**
 * The home map's second layer: countries coloured by whether the Department of Labor's List of Goods names goods
 * produced there with forced labor. A country without a good on the List is "no good on the List" — which says
 * nothing about whether forced labor exists there.
 */
import { GOODS_SOURCE, hasForcedLabor } from '../../domain/context.js';
import type { Store } from '../../store/types.js';

export const MAP_LAYERS = ['tiers', 'goods'] as const;
export type MapLayer = (typeof MAP_LAYERS)[number];

/** Fill keys of the goods layer (see worldMap.fillOf). */
export type GoodsKey = 'gf' | 'gc' | 'g0';

export const GOODS_KEY_TEXT: Record<GoodsKey, string> = {
  gf: 'goods produced with forced labor on the List',
  gc: 'goods on the List, none for forced labor',
  g0: 'no good on the List',
};

export interface GoodsLayerCountry {
  key: GoodsKey;
  /** The goods listed for forced labor (adults or children), then the others. */
  forcedLabor: string[];
  otherGoods: string[];
}

export interface GoodsLayer {
  source: string;
  edition: number;
  counts: Record<GoodsKey, number>;
  /** Countries with at least one good on the List; every other country is `g0`. */
  countries: Record<string, GoodsLayerCountry>;
}

export function goodsLayer(store: Store, countryIds: readonly string[]): GoodsLayer {
  const countries: Record<string, GoodsLayerCountry> = {};
  for (const g of store.goods()) {
    const c = (countries[g.countryId] ??= { key: 'gc', forcedLabor: [], otherGoods: [] });
    if (hasForcedLabor(g)) {
      c.forcedLabor.push(g.good);
      c.key = 'gf';
    } else c.otherGoods.push(g.good);
  }
  const counts: Record<GoodsKey, number> = { gf: 0, gc: 0, g0: 0 };
  for (const id of countryIds) counts[countries[id]?.key ?? 'g0']++;
  return { source: GOODS_SOURCE.citation, edition: GOODS_SOURCE.edition, counts, countries };
}

/** What a country's fill on the goods layer means, in words (the map's link names). */
export function goodsLabel(c: GoodsLayerCountry | undefined): string {
  if (!c) return GOODS_KEY_TEXT.g0;
  if (c.key === 'gf') return `goods produced with forced labor on the List: ${c.forcedLabor.join(', ')}`;
  return `goods on the List, none for forced labor: ${c.otherGoods.join(', ')}`;
}

/** The layer as the world map draws it. */
export function goodsMapLayer(g: GoodsLayer): { key: (id: string) => GoodsKey; label: (id: string) => string; title: string } {
  return {
    key: (id) => g.countries[id]?.key ?? 'g0',
    label: (id) => goodsLabel(g.countries[id]),
    title: `World map of countries with goods produced with forced labor on the U.S. Department of Labor’s ${g.edition} List of Goods`,
  };
}
