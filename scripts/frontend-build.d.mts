export function buildFrontendIfStale(): void;
