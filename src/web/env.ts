// What every request handler can reach through c.var, set once per app in app.ts.
import type { Subscriber } from '../model/subscriber.js';
import type { Store } from '../store/store.js';
import type { Trending } from '../rank/trending.js';
import type { Logger } from '../log.js';
import type { SearchService } from '../search/service.js';
import type { Accounts, MailDeps } from '../mail/accounts.js';

/** The signed-in reader of a request (see session.ts). */
export interface Reader {
  subscriber: Subscriber;
  /** The CSRF token every form of this session must carry. */
  csrf: string;
}

export interface AppEnv {
  Variables: {
    store: Store;
    trending: Trending;
    log: Logger;
    /** True when the store holds the demo corpus (the footer says so). */
    demo: boolean;
    /** Keyword search over the derived index; absent when the app was built without one. */
    search: SearchService | undefined;
    /** Subscriptions, sign-in and sessions; absent when the app was built without mail. */
    accounts: Accounts | undefined;
    /** Links, token signer, messenger and From address; absent when the app was built without mail. */
    mail: MailDeps | undefined;
    /** The signed-in reader (session cookie), if any. */
    reader: Reader | undefined;
  };
}
