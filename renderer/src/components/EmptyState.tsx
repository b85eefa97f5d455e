// What a view shows when there is nothing to list yet: a title, a sentence, and the actions to fix it.
import type { ReactNode } from 'react';
import './components.css';

export interface EmptyStateProps {
  title: string;
  children?: ReactNode;
  /** Buttons that get the user out of the empty state. */
  actions?: ReactNode;
}

export function EmptyState({ title, children, actions }: EmptyStateProps) {
  return (
    <section className="empty-state" aria-labelledby="empty-state-title">
      <h2 id="empty-state-title">{title}</h2>
      {children && <div className="empty-state-text">{children}</div>}
      {actions && <div className="empty-state-actions">{actions}</div>}
    </section>
  );
}
