/** Placeholder until this view's issue lands; the tab exists so the shell does not change when it does. */
export function CompareView() {
  return <main className="workspace single muted">Coming soon.</main>;
}
