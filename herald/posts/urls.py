from django.urls import path

from herald.web.views import posts

app_name = "posts"

urlpatterns = [
    path("posts/", posts.post_index, name="posts"),
    path("posts/new", posts.post_new, name="post-new"),
    path("posts/check-personal", posts.post_check_personal, name="post-check-personal"),
    path("posts/review", posts.post_review_queue, name="post-review-queue"),
    path("posts/archive", posts.post_archive, name="post-archive"),
    path("posts/archive/export", posts.post_archive_export, name="post-archive-export"),
    path("posts/<int:post_pk>/", posts.post_detail, name="post"),
    path("posts/<int:post_pk>/edit", posts.post_edit, name="post-edit"),
    path("posts/<int:post_pk>/submit", posts.post_submit, name="post-submit"),
    path("posts/<int:post_pk>/withdraw", posts.post_withdraw, name="post-withdraw"),
    path("posts/<int:post_pk>/schedule", posts.post_schedule, name="post-schedule"),
    path("posts/<int:post_pk>/decide/<str:decision>", posts.post_decide, name="post-decide"),
    path("posts/<int:post_pk>/exception", posts.post_exception, name="post-exception"),
    path("posts/<int:post_pk>/take-down", posts.post_take_down, name="post-take-down"),
    path("posts/<int:post_pk>/history", posts.post_history, name="post-history"),
    path("posts/<int:post_pk>/images/new", posts.post_attachment_new, name="post-attachment-new"),
    path("posts/<int:post_pk>/images/<int:attachment_pk>/", posts.post_attachment_edit, name="post-attachment-edit"),
    path("posts/<int:post_pk>/images/<int:attachment_pk>/remove", posts.post_attachment_remove,
         name="post-attachment-remove"),
    path("posts/<int:post_pk>/images/<int:attachment_pk>/file", posts.post_attachment_file,
         name="post-attachment-file"),
]
