import pkg from '../../package.json';

export const APP_ID = 'com.patchbay.app';
export const APP_NAME = 'Patchbay';
export const APP_VERSION: string = pkg.version;
