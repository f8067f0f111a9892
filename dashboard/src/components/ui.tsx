import type { ComponentChildren } from 'preact';
import { LEVEL_ICON, type Level, levelOfSeverity } from '../lib/severity.js';

/** Severity / health as icon + word on a coloured chip (never colour alone). */
export function Badge({ level, children, title }: { level: Level; children: ComponentChildren; title?: string }) {
  return (
    <span class={`badge level-${level}`} title={title}>
      <span aria-hidden="true">{LEVEL_ICON[level]}</span> {children}
    </span>
  );
}

export function SeverityBadge({ severity }: { severity: string }) {
  return <Badge level={levelOfSeverity(severity)}>{severity}</Badge>;
}

export function Panel({
  title,
  children,
  id,
  actions,
}: {
  title: string;
  children: ComponentChildren;
  id?: string;
  actions?: ComponentChildren;
}) {
  return (
    <section class="panel" id={id} aria-label={title}>
      <header class="panel-head">
        <h2>{title}</h2>
        {actions}
      </header>
      {children}
    </section>
  );
}

export function Loading({ error, what }: { error: Error | null; what: string }) {
  if (error !== null)
    return (
      <p class="error" role="alert">
        Could not load {what}: {error.message}
      </p>
    );
  return <p class="muted">Loading {what}…</p>;
}

export function Empty({ children }: { children: ComponentChildren }) {
  return <p class="muted empty">{children}</p>;
}

/** A table with one header row of `columns` and `children` as its body rows, horizontally scrollable on phones. */
export function DataTable({
  label,
  columns,
  children,
}: {
  label: string;
  columns: readonly ComponentChildren[];
  children: ComponentChildren;
}) {
  return (
    <div class="table-wrap" role="region" aria-label={label} tabIndex={0}>
      <table>
        <thead>
          <tr>
            {columns.map((c) => (
              <th>{c}</th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
