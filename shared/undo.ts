// How long a delete can be undone, and the most deliveries one delete keeps for it (more would copy the store):
// read by the services (electron/engine/deletions.ts) and by the inspector's delete button, without the schemas.
export const UNDO_WINDOW_MS = 15_000;
export const UNDO_LIMIT = 50_000;
