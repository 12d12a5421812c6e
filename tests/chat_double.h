/* tests/chat_double.h — what the OpenAI-compatible chat stand-in answers: a streamed
 * (SSE) or plain chat completion around a content string, and a valid series bible and
 * scene for the story stage. Strings returned are malloc'd (the server frees them).
 *
 *   r->ctype = "text/event-stream"; r->body = chat_sse_answer("{\"ok\": 1}", 4);
 */
#ifndef DRAMA_TESTS_CHAT_DOUBLE_H
#define DRAMA_TESTS_CHAT_DOUBLE_H

/* An SSE stream: content in `pieces` deltas, a finish event, a usage event, [DONE]. */
char *chat_sse_answer(const char *content, int pieces);
/* A plain chat.completion JSON answer with usage 10/5. */
char *chat_json_answer(const char *content);

extern const char *const CHAT_BIBLE;        /* Xia and Rui, Milk Tea Shop, 1 episode of 2 scenes */
extern const char *const CHAT_SCENE_GOOD;   /* three shots that validate against CHAT_BIBLE */

#endif
