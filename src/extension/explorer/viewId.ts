/** The Root Access view's id (package.json `views`); its own module so the activation shell can name it cheaply. */
export const EXPLORER_VIEW_ID = 'rootguard.explorer';
