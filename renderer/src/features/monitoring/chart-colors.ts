import { useThemeColors } from '../../components/use-theme-colors';

const NAMES = [
  '--chart-calls',
  '--chart-fail',
  '--chart-2xx',
  '--chart-3xx',
  '--chart-4xx',
  '--chart-5xx',
  '--chart-network',
  '--chart-grid',
  '--muted',
  '--text',
  '--panel',
  '--border',
] as const;
export type ChartColors = Record<(typeof NAMES)[number], string>;

/** The monitoring charts' colours, following the theme. */
export function useChartColors(): ChartColors {
  return useThemeColors(NAMES);
}
