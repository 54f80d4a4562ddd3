import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, type RefObject } from 'react';
import { useLogsStore, type LogRow } from '../../stores/logs';
import { useConnectionNames } from './connection-names';
import { formatDuration, formatTime, hostAndPath, statusLabel } from './format';

const ROW_HEIGHT = 32;
/** Start fetching the next keyset page this many rows before the end, so scrolling never hits a wall. */
const PREFETCH_ROWS = 60;

const COLUMNS = ['', 'Time', 'Method', 'Status', 'Host and path', 'Duration', 'Connection', 'Error'];

function Row(props: {
  row: LogRow;
  index: number;
  selected: boolean;
  marked: boolean;
  connection: string;
  top: number;
}) {
  const { row, index } = props;
  const select = useLogsStore((s) => s.select);
  const open = useLogsStore((s) => s.open);
  const toggleMark = useLogsStore((s) => s.toggleMark);
  return (
    <div
      role="row"
      id={`log-row-${index}`}
      aria-rowindex={index + 2}
      aria-selected={props.selected}
      className={`logs-row status-${row.statusClass}${props.selected ? ' selected' : ''}`}
      style={{ transform: `translateY(${props.top}px)` }}
      onClick={() => {
        select(index);
        void open(index);
      }}
      data-testid="log-row"
      data-call-id={row.id}
    >
      <div role="gridcell" className="logs-cell-mark" onClick={(e) => e.stopPropagation()}>
        <input
          type="checkbox"
          checked={props.marked}
          onChange={() => toggleMark(row.id)}
          aria-label={`Select call ${row.method} ${hostAndPath(row)}`}
          tabIndex={-1}
        />
      </div>
      <div role="gridcell" title={new Date(row.time).toLocaleString()}>
        {formatTime(row.time)}
      </div>
      <div role="gridcell" className="logs-method">
        {row.method}
      </div>
      <div role="gridcell">
        <span className={`status-pill status-${row.statusClass}`}>{statusLabel(row)}</span>
      </div>
      <div role="gridcell" className="logs-url" title={row.url}>
        {hostAndPath(row)}
      </div>
      <div role="gridcell" className="logs-num">
        {formatDuration(row.durationMs)}
        {row.attempt > 1 ? (
          <span className="logs-attempt" title={`Attempt ${row.attempt}`}>
            {' '}
            ×{row.attempt}
          </span>
        ) : null}
      </div>
      <div role="gridcell" className="logs-ellipsis" title={row.connectionId}>
        {props.connection}
      </div>
      <div role="gridcell" className="logs-error">
        {row.errorCode ?? ''}
      </div>
    </div>
  );
}

/**
 * The call table: only the rows in view are in the DOM (@tanstack/react-virtual), and older pages
 * are fetched by keyset cursor as the user scrolls, so a log of millions of rows stays smooth.
 */
export function LogTable(props: { gridRef: RefObject<HTMLDivElement | null> }) {
  const rows = useLogsStore((s) => s.rows);
  const nextCursor = useLogsStore((s) => s.nextCursor);
  const loadingMore = useLogsStore((s) => s.loadingMore);
  const loadMore = useLogsStore((s) => s.loadMore);
  const selected = useLogsStore((s) => s.selected);
  const marked = useLogsStore((s) => s.marked);
  const follow = useLogsStore((s) => s.follow);
  const names = useConnectionNames();
  const scrollRef = useRef<HTMLDivElement>(null);

  const count = rows.length + (nextCursor ? 1 : 0);
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 15,
  });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items.length ? items[items.length - 1]!.index : -1;

  useEffect(() => {
    if (nextCursor && !loadingMore && lastIndex >= rows.length - PREFETCH_ROWS) void loadMore();
  }, [lastIndex, rows.length, nextCursor, loadingMore, loadMore]);

  useEffect(() => {
    if (selected >= 0) virtualizer.scrollToIndex(selected, { align: 'auto' });
  }, [selected, virtualizer]);

  // In follow mode the newest call is on top and stays in view.
  const newest = rows[0]?.id;
  useEffect(() => {
    if (follow && newest && scrollRef.current && scrollRef.current.scrollTop < ROW_HEIGHT * 5)
      scrollRef.current.scrollTop = 0;
  }, [follow, newest]);

  return (
    <div
      className="logs-grid"
      role="grid"
      aria-label="Logged API calls"
      aria-rowcount={nextCursor ? -1 : rows.length + 1}
      aria-activedescendant={selected >= 0 ? `log-row-${selected}` : undefined}
      tabIndex={0}
      ref={props.gridRef}
      data-testid="logs-table"
    >
      <div role="row" className="logs-row logs-head" aria-rowindex={1}>
        {COLUMNS.map((c, i) => (
          <div role="columnheader" key={i}>
            {c}
          </div>
        ))}
      </div>
      <div className="logs-scroll" ref={scrollRef} data-testid="logs-scroll">
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {items.map((item) => {
            const row = rows[item.index];
            if (!row) {
              return (
                <div
                  key="loader"
                  className="logs-row logs-loader"
                  style={{ transform: `translateY(${item.start}px)` }}
                  role="row"
                >
                  <div role="gridcell">Loading older calls…</div>
                </div>
              );
            }
            return (
              <Row
                key={row.id}
                row={row}
                index={item.index}
                top={item.start}
                selected={item.index === selected}
                marked={Boolean(marked[row.id])}
                connection={row.connectionId ? (names[row.connectionId] ?? row.connectionId) : ''}
              />
            );
          })}
        </div>
      </div>
    </div>
  );
}
