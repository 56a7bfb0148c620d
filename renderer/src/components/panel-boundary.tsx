// One panel's error boundary: a render error in the list, the detail, the diff or the settings (a payload shaped
// in a way we did not foresee) replaces that panel with a plain message and a way back, never the whole window.
import { Component, type ErrorInfo, type ReactNode } from 'react';

interface Props {
  /** What the panel is, for the message ("the delivery detail"). */
  name: string;
  /** A change of key (e.g. the open delivery's id) starts the panel afresh. */
  resetKey?: string | null;
  children: ReactNode;
  /** Rendered around the message, so it takes the panel's place in the layout. */
  className?: string;
  onClose?: () => void;
}

interface State {
  error: Error | null;
  forKey: string | null | undefined;
}

export class PanelBoundary extends Component<Props, State> {
  override state: State = { error: null, forKey: this.props.resetKey };

  static getDerivedStateFromError(error: unknown): Partial<State> {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  static getDerivedStateFromProps(props: Props, state: State): Partial<State> | null {
    return props.resetKey !== state.forKey ? { error: null, forKey: props.resetKey } : null;
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error(`Hookscope: ${this.props.name} failed to render`, error, info.componentStack);
  }

  override render(): ReactNode {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <section className={this.props.className} role="alert" data-testid="panel-error">
        <div className="notice bad" style={{ margin: 14 }}>
          <strong>Could not show {this.props.name}.</strong> The rest of Hookscope still works. ({error.message})
          <div style={{ marginTop: 8, display: 'flex', gap: 8 }}>
            <button type="button" className="btn small" onClick={() => this.setState({ error: null })}>
              Try again
            </button>
            {this.props.onClose && (
              <button type="button" className="btn small" onClick={this.props.onClose}>
                Close
              </button>
            )}
          </div>
        </div>
      </section>
    );
  }
}
