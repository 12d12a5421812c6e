/* tests/test_export.h — the Jianying / CapCut draft checker (test_export_draft.c) that
 * test_export.c runs on a real export.
 *
 *   int counts[3];            // segments on video, audio and text tracks
 *   const char *why = jy_check_folder("out/ep01/jianying/NAME", counts, NULL);
 *   CHECKF(!why, "%s", why);  // why: static text, NULL when the draft is good
 */
#ifndef DRAMA_TESTS_TEST_EXPORT_H
#define DRAMA_TESTS_TEST_EXPORT_H
#include <jansson.h>

/* The three documents of a draft in folder dir; NULL when good, else what is wrong. */
const char *jy_check_docs(json_t *content, json_t *info, json_t *meta, const char *dir, int counts[3]);
/* The same, loading dir's three files; *content_out (if given) gets draft_content.json
 * (caller json_decref's it; NULL when it did not parse). */
const char *jy_check_folder(const char *dir, int counts[3], json_t **content_out);

#endif
