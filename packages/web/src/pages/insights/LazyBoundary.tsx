import { Component, type ReactNode } from 'react';

/**
 * Catches a lazily loaded chunk that failed to arrive (offline, or a newer version deployed
 * since the page was opened) and shows `fallback` instead of a blank screen.
 */
export class LazyBoundary extends Component<{ fallback: ReactNode; children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override render() {
    return this.state.failed ? this.props.fallback : this.props.children;
  }
}
