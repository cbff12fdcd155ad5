FROM python:3.12-slim AS build
ARG PIP_INDEX_TOKEN=pypi-AgEIcHlwaS5vcmc
RUN pip wheel --wheel-dir /wheels flask

FROM python:3.12-slim
ENV APP_ENV=production DB_PASSWORD=Sup3rS3cret!
COPY --from=build /wheels /wheels
RUN pip install --no-index /wheels/*
EXPOSE 8000
CMD ["python", "-m", "flask", "run", "--host", "0.0.0.0", "--port", "8000"]
