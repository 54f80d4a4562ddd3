import { useEffect, useState } from 'react';

const NAMES = ['--chart-calls', '--chart-fail', '--chart-2xx', '--chart-3xx', '--chart-4xx', '--chart-5xx', '--chart-network', '--chart-grid', '--muted', '--text', '--panel', '--border'] as const;
export type ChartColors = Record<(typeof NAMES)[number], string>;

function read(): ChartColors {
  const style = getComputedStyle(document.documentElement);
  return Object.fromEntries(NAMES.map((n) => [n, style.getPropertyValue(n).trim() || '#888'])) as ChartColors;
}

/**
 * SVG chart colours from the theme's CSS variables (recharts takes colour strings, not var()),
 * re-read when the theme switches between light and dark.
 */
export function useChartColors(): ChartColors {
  const [colors, setColors] = useState(read);
  useEffect(() => {
    const observer = new MutationObserver(() => setColors(read()));
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    return () => observer.disconnect();
  }, []);
  return colors;
}
