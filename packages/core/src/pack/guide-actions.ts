/** What a platform guide explains, in this order (platforms.yaml `guide`). Kept apart from the zod schema so the reporter app's guide screen does not load zod. */
export const GUIDE_ACTIONS = ['block', 'mute', 'report', 'private'] as const;
export type GuideAction = (typeof GUIDE_ACTIONS)[number];
