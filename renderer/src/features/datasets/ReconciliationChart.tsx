import { Bar, BarChart, CartesianGrid, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { Reconciliation } from '../../../../shared/models/datasets';
import { ChartFrame } from './ChartFrame';
import { formatMoney } from './format';
import { useDatasetColors } from './palette';

/** Orders vs invoices by reference: how many agree, differ in amount, or exist on one side only. */
export function ReconciliationChart({ reconciliation }: { reconciliation: Reconciliation }) {
  const c = useDatasetColors();
  const s = reconciliation.summary;
  const data = [
    { status: 'Matched', count: s.matched, color: c.base['--ok'] },
    { status: 'Differs', count: s.amountDiffers, color: c.base['--warn'] },
    { status: 'Order only', count: s.orderOnly, color: c.series[0]! },
    { status: 'Invoice only', count: s.invoiceOnly, color: c.series[1]! },
  ];
  const differing = reconciliation.lines.filter((l) => l.status === 'amount_differs').slice(0, 5);
  return (
    <ChartFrame
      title="Orders vs invoices"
      series="reconciliation"
      testId="dataset-chart-reconciliation"
      legend={data.map((d) => ({ label: `${d.status}: ${d.count}`, color: d.color }))}
    >
      <ResponsiveContainer width="100%" height={180}>
        <BarChart data={data} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
          <CartesianGrid stroke={c.base['--chart-grid']} strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="status" stroke={c.base['--muted']} fontSize={11} interval={0} tick={{ fontSize: 11 }} />
          <YAxis allowDecimals={false} stroke={c.base['--muted']} fontSize={12} width={48} />
          <Tooltip
            cursor={{ fillOpacity: 0.08 }}
            contentStyle={{ background: c.base['--panel'], borderColor: c.base['--border'], color: c.base['--text'] }}
          />
          <Bar dataKey="count" name="References" isAnimationActive={false}>
            {data.map((d) => (
              <Cell key={d.status} fill={d.color} />
            ))}
          </Bar>
        </BarChart>
      </ResponsiveContainer>
      {differing.length ? (
        <table className="dataset-mini-table">
          <caption className="visually-hidden">References whose order and invoice amounts differ</caption>
          <thead>
            <tr>
              <th scope="col">Reference</th>
              <th scope="col">Order</th>
              <th scope="col">Invoice</th>
            </tr>
          </thead>
          <tbody>
            {differing.map((l) => (
              <tr key={l.reference}>
                <td>{l.reference}</td>
                <td className="num">{formatMoney(l.orderAmount, reconciliation.currency)}</td>
                <td className="num">{formatMoney(l.invoiceAmount, reconciliation.currency)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </ChartFrame>
  );
}
