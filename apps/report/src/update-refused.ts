/** What the service worker posts to the open pages when it refused an update it could not check. */
export const UPDATE_REFUSED_MESSAGE = 'vangnet-update-refused';
