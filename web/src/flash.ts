import { createContext, useContext } from 'react';
import type { FlashbarProps } from '@cloudscape-design/components/flashbar';

/** FlashContext shows a message above the page (saved, deleted, failed). */
export const FlashContext = createContext<(m: FlashbarProps.MessageDefinition) => void>(() => {});

export function useFlash() {
  return useContext(FlashContext);
}
