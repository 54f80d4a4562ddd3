import type { ReactNode } from 'react';

/** What a page shows before there is anything in it: what this is and the one next step. */
export function EmptyState(props: { title: string; children: ReactNode; action?: ReactNode; testId?: string }) {
  return (
    <section className="empty-state" data-testid={props.testId ?? 'empty-state'}>
      <h2>{props.title}</h2>
      <p>{props.children}</p>
      {props.action ? <div className="empty-state-action">{props.action}</div> : null}
    </section>
  );
}
