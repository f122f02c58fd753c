from flask import Blueprint

bp = Blueprint("helpdesk", __name__)
