from sqlalchemy import text


def count_posts(session, author):
    return session.execute(text("SELECT count(*) FROM posts WHERE author = :author").bindparams(author=author)).scalar()
