from ninja import NinjaAPI

api = NinjaAPI(title="Creative Bridge API", version="1", urls_namespace="api", docs_url="/docs")
