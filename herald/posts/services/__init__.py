"""Post services: the only write path for posts and their history."""

from herald.posts.services.attachments import (  # noqa: F401
    attachment_add,
    attachment_remove,
    attachment_update,
    publishable_for,
)
from herald.posts.services.drafts import post_create_draft, post_schedule, post_update_draft  # noqa: F401
from herald.posts.services.export import post_archive_export  # noqa: F401
from herald.posts.services.publishing import (  # noqa: F401
    post_take_down,
    publication_attempt,
    publications_resume,
)
from herald.posts.services.review import (  # noqa: F401
    post_approve,
    post_confirm_exception,
    post_override_block,
    post_reject,
    post_request_changes,
    post_submit,
    post_withdraw,
)
