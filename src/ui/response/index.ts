// What the response feature offers the others: its pane.
export { ResponsePane } from './ResponsePane';
// Paging through a whole list within the rate limit, shared with the request's "Apply locally".
export { fetchAllCalls, fetchAllPageSize, FetchAllProgressView, runFetchAll } from './fetch-all-run';
