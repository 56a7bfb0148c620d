// A button that copies a value (or the result of a function, e.g. fetching a cURL command) and says so.
import { copyText } from '../lib/clipboard.js';
import { useToast } from './toast.js';

interface CopyButtonProps {
  label: string;
  value: string | (() => Promise<string>);
  what?: string;
  className?: string;
  title?: string;
  /** The accessible name when the visible label is one of several alike ("Copy" beside each source's URL). */
  ariaLabel?: string;
}

export function CopyButton({ label, value, what, className, title, ariaLabel }: CopyButtonProps) {
  const toast = useToast();
  const onClick = async () => {
    try {
      const text = typeof value === 'string' ? value : await value();
      await copyText(text);
      toast(`${what ?? label} copied`);
    } catch (error) {
      toast(`Could not copy: ${(error as Error).message ?? String(error)}`);
    }
  };
  return (
    <button type="button" className={className ?? 'btn small'} onClick={onClick} title={title} aria-label={ariaLabel}>
      {label}
    </button>
  );
}
