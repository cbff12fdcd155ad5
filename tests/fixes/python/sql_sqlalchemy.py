from sqlalchemy import text


def count_posts(session, author):
    return session.execute(text(f"SELECT count(*) FROM posts WHERE author = '{author}'")).scalar()
